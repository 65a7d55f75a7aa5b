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
    /// The block's text as UTF-8; lines separated by `\n`, emphasis markers removed.
    ///
    /// Kept as bytes because most blocks are only copied into their section's text; a
    /// `String` is made (and validated) only for the few checks that read it as text.
    var utf8: [UInt8]
    /// Links inside the text.
    var links: [LinkSpan]
    /// First and last source line (1-based), for blank-line runs between blocks.
    var line: Int
    var endLine: Int

    init(kind: Kind, utf8: [UInt8], links: [LinkSpan], line: Int, endLine: Int) {
        self.kind = kind
        self.utf8 = utf8
        self.links = links
        self.line = line
        self.endLine = endLine
    }

    init(kind: Kind, text: String, links: [LinkSpan], line: Int, endLine: Int) {
        self.init(kind: kind, utf8: Array(text.utf8), links: links, line: line, endLine: endLine)
    }

    /// The block's text; made from `utf8` on each use.
    var text: String { String(decoding: utf8, as: UTF8.self) }

    var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    /// The text of a span.
    func text(of span: LinkSpan) -> String {
        String(decoding: utf8[span.range.clamped(to: 0..<utf8.count)], as: UTF8.self)
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
