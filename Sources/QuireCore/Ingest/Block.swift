/// One block of a document as the parsers see it: a heading, a paragraph, a list item.
///
/// Both readers produce blocks — `MarkdownReader` (cmark-gfm) for Markdown and
/// `PlainTextReader` for plain text — so every kind's parser works on one shape whatever
/// the source format. A block's text keeps its line breaks as `\n`; links are spans of it.
struct Block: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case heading(level: Int)
        case paragraph
        case listItem(depth: Int)
        case code
        case rule
    }

    var kind: Kind
    /// The block's text; lines separated by `\n`, emphasis markers removed.
    var text: String
    /// Links inside `text`.
    var links: [LinkSpan]
    /// First and last source line (1-based), for blank-line runs between blocks.
    var line: Int
    var endLine: Int

    var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    var headingLevel: Int? {
        if case .heading(let level) = kind { return level }
        return nil
    }

    /// The block's lines.
    var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The text of a span.
    func text(of span: LinkSpan) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: span.range.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: span.range.upperBound)
        return String(text[start..<end])
    }
}

/// A link inside a block's text.
struct LinkSpan: Equatable, Sendable {
    /// UTF-8 offsets in the block's text.
    var range: Range<Int>
    /// The destination, unescaped; nil for a named work without an address.
    var url: String?
    /// The tooltip, unescaped.
    var title: String?
}
