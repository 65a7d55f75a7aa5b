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
    var links: BlockLinks
    /// Inline HTML that stood in the text, as written; not part of `utf8`.
    var html: [InlineHTML] = []
    /// Blank source lines between this block and the one before it (before the first
    /// block: from the start of the document).
    var blankLinesBefore: Int
    /// Whether the block sits inside a block quote (`> …`).
    var quoted = false

    init(
        kind: Kind, utf8: SharedSlice<UInt8>, links: BlockLinks,
        blankLinesBefore: Int = 0
    ) {
        self.kind = kind
        self.utf8 = utf8
        self.links = links
        self.blankLinesBefore = blankLinesBefore
    }

    init(kind: Kind, utf8: [UInt8], links: [LinkSpan], blankLinesBefore: Int = 0) {
        self.init(
            kind: kind, utf8: SharedSlice(utf8), links: BlockLinks(links),
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

    /// Whether this is a list item that opens with a link: an entry of a link digest.
    var isLinkItem: Bool {
        guard case .listItem = kind else { return false }
        return !links.isEmpty && links.range(at: 0).lowerBound == 0
    }

    /// The text of a span.
    func text(of span: LinkSpan) -> String {
        utf8.withUnsafeBufferPointer {
            UTF8Text.string(UnsafeBufferPointer(rebasing: $0[span.range.clamped(to: 0..<$0.count)]))
        }
    }
}

extension Array where Element == Block {
    /// The index of the first block that passes `test`, each read in place: iterating an
    /// array of blocks copies every block, retaining and releasing its buffers, and this
    /// runs over every block of every document.
    func firstIndexInPlace(where test: (Block) -> Bool) -> Int? {
        withUnsafeBufferPointer { blocks in blocks.indices.first { test(blocks[$0]) } }
    }

    /// Whether a block passes `test`; see `firstIndexInPlace(where:)`.
    func containsInPlace(where test: (Block) -> Bool) -> Bool {
        firstIndexInPlace(where: test) != nil
    }
}

/// The links of a block: where each lies in the text, and one string that holds every
/// destination and tooltip.
///
/// A link is kept as plain ranges (`Record`), so that making, copying and reading a
/// document's blocks costs no reference count per link; a `LinkSpan` is made when one is
/// asked for by position. Loops over every link of a library read the records and the
/// strings' bytes in place (`withRecords`).
struct BlockLinks: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// One link: UTF-8 offsets of its text in the block, and of its destination (nil for a
    /// work named without an address) and tooltip in `strings`.
    struct Record: Equatable, Sendable {
        var range: Range<Int>
        var url: Range<Int>?
        var title: Range<Int>?
    }

    private let records: SharedSlice<Record>
    /// Every link's destination and tooltip, at the records' ranges.
    private let strings: String

    /// Links whose destinations and tooltips lie in `strings` where `records` say.
    init(records: SharedSlice<Record>, strings: String) {
        self.records = records
        self.strings = strings
    }

    /// The links `spans`, their destinations and tooltips copied into one string (readers
    /// other than Markdown's make a few links each, so the copy is small).
    init(_ spans: [LinkSpan]) {
        var gathered: [UInt8] = []
        var records: [Record] = []
        records.reserveCapacity(spans.count)
        func gather(_ text: Substring?) -> Range<Int>? {
            text.map { text in
                let start = gathered.count
                gathered += text.utf8
                return start..<gathered.count
            }
        }
        for span in spans {
            records.append(
                Record(range: span.range, url: gather(span.url), title: gather(span.title)))
        }
        self.init(records: SharedSlice(records), strings: UTF8Text.string(validated: gathered))
    }

    init(arrayLiteral spans: LinkSpan...) { self.init(spans) }

    var startIndex: Int { 0 }
    var endIndex: Int { records.count }

    subscript(position: Int) -> LinkSpan {
        let record = records[position]
        return LinkSpan(
            range: record.range, strings: strings, url: record.url, title: record.title)
    }

    /// Where the link at `position` lies in the block's text.
    func range(at position: Int) -> Range<Int> { records[position].range }

    /// Calls `body` with the links' records and the UTF-8 of the string their destinations
    /// and tooltips lie in, both in place.
    func withRecords<R>(
        _ body: (UnsafeBufferPointer<Record>, UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        records.withUnsafeBufferPointer { records in
            if let result = strings.utf8.withContiguousStorageIfAvailable({ body(records, $0) }) {
                return result
            }
            var copy = strings
            return copy.withUTF8 { body(records, $0) }
        }
    }

    static func == (a: BlockLinks, b: BlockLinks) -> Bool { a.elementsEqual(b) }
}

/// A link inside a block's text, as readers make them and parsers read them one at a time.
///
/// The destination and tooltip are kept as UTF-8 ranges of a string that may hold other
/// links' too (a block's `BlockLinks` hands out spans over its one string); `url` and
/// `title` make substrings on demand.
struct LinkSpan: Equatable, Sendable {
    /// UTF-8 offsets in the block's text.
    var range: Range<Int>
    /// Holds the destination and the tooltip (and maybe other links').
    private let strings: String
    /// UTF-8 ranges in `strings`; nil when absent.
    private let urlBounds: Range<Int>?
    private let titleBounds: Range<Int>?

    /// A link whose destination and tooltip are `strings`' UTF-8 at `url` and `title`.
    init(range: Range<Int>, strings: String, url: Range<Int>?, title: Range<Int>?) {
        self.range = range
        self.strings = strings
        self.urlBounds = url
        self.titleBounds = title
    }

    init(range: Range<Int>, url: String?, title: String?) {
        let urlCount = url?.utf8.count ?? 0
        let titleCount = title?.utf8.count ?? 0
        self.init(
            range: range, strings: title.map { (url ?? "") + $0 } ?? url ?? "",
            url: url.map { _ in 0..<urlCount },
            title: title.map { _ in urlCount..<(urlCount + titleCount) })
    }

    /// The destination, unescaped; nil for a named work without an address.
    var url: Substring? { urlBounds.map(substring) }
    /// The tooltip, unescaped.
    var title: Substring? { titleBounds.map(substring) }

    /// The same link over `range`.
    func with(range: Range<Int>) -> LinkSpan {
        var span = self
        span.range = range
        return span
    }

    /// Sliced as UTF-8, not as characters: a destination that starts with a combining mark
    /// must not be rounded back into the text before it.
    private func substring(_ bounds: Range<Int>) -> Substring {
        let utf8 = strings.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bounds.lowerBound)
        return Substring(utf8[lower..<utf8.index(lower, offsetBy: bounds.count)])
    }

    static func == (a: LinkSpan, b: LinkSpan) -> Bool {
        a.range == b.range && a.url == b.url && a.title == b.title
    }
}

/// A piece of inline HTML (`<b>`, `<a href="…">`, `<!-- … -->`) inside a block.
struct InlineHTML: Equatable, Sendable {
    /// The UTF-8 offset in the block's text where it stood.
    var offset: Int
    /// The HTML as written.
    var text: String
}
