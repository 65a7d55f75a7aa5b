/// One block of a document as the parsers see it: a heading, a paragraph, a list item.
///
/// Both readers produce blocks — `MarkdownReader` (md4c) for Markdown and
/// `PlainTextReader` for plain text — so every kind's parser works on one shape whatever
/// the source format. A block's text keeps its line breaks as `\n`; links are spans of it.
struct Block: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case heading(level: Int)
        case paragraph
        case listItem(depth: Int)
        case code
        case rule
        /// A raw HTML block, its text as written; `Ingestor` replaces it with the blocks
        /// `HTMLReader` reads from it.
        case html
    }

    var kind: Kind
    /// The block's text as UTF-8; lines separated by `\n`, emphasis markers removed.
    ///
    /// Kept as bytes because most blocks are only copied into their section's text; a
    /// `String` is made (and validated) only for the few checks that read it as text.
    /// Shared with the other blocks of the document (see `SharedSlice`).
    var utf8: SharedSlice<UInt8>
    /// Links inside the text.
    var links: SharedSlice<LinkSpan>
    /// Inline HTML that stood in the text, as written; not part of `utf8`.
    var html: [InlineHTML] = []
    /// Blank source lines between this block and the one before it (before the first
    /// block: from the start of the document).
    var blankLinesBefore: Int
    /// Whether the block sits inside a block quote (`> …`).
    var quoted = false

    init(
        kind: Kind, utf8: SharedSlice<UInt8>, links: SharedSlice<LinkSpan>,
        blankLinesBefore: Int = 0
    ) {
        self.kind = kind
        self.utf8 = utf8
        self.links = links
        self.blankLinesBefore = blankLinesBefore
    }

    init(kind: Kind, utf8: [UInt8], links: [LinkSpan], blankLinesBefore: Int = 0) {
        self.init(
            kind: kind, utf8: SharedSlice(utf8), links: SharedSlice(links),
            blankLinesBefore: blankLinesBefore)
    }

    init(kind: Kind, text: String, links: [LinkSpan], blankLinesBefore: Int = 0) {
        self.init(
            kind: kind, utf8: Array(text.utf8), links: links, blankLinesBefore: blankLinesBefore)
    }

    /// The block's text; made from `utf8` on each use.
    var text: String { utf8.withUnsafeBufferPointer { UTF8Text.string($0) } }

    var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }

    /// The text of a span.
    func text(of span: LinkSpan) -> String {
        utf8.withUnsafeBufferPointer {
            UTF8Text.string(UnsafeBufferPointer(rebasing: $0[span.range.clamped(to: 0..<$0.count)]))
        }
    }
}

/// A link inside a block's text.
///
/// The destination and tooltip are substrings: the Markdown reader keeps every link's in
/// one string per document rather than a string per link.
struct LinkSpan: Equatable, Sendable {
    /// UTF-8 offsets in the block's text.
    var range: Range<Int>
    /// The destination, unescaped; nil for a named work without an address.
    var url: Substring?
    /// The tooltip, unescaped.
    var title: Substring?

    init(range: Range<Int>, url: Substring?, title: Substring?) {
        self.range = range
        self.url = url
        self.title = title
    }

    init(range: Range<Int>, url: String?, title: String?) {
        self.init(range: range, url: url.map { $0[...] }, title: title.map { $0[...] })
    }
}

/// A piece of inline HTML (`<b>`, `<a href="…">`, `<!-- … -->`) inside a block.
struct InlineHTML: Equatable, Sendable {
    /// The UTF-8 offset in the block's text where it stood.
    var offset: Int
    /// The HTML as written.
    var text: String
}
