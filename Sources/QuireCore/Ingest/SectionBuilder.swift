#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Accumulates blocks or lines into one section's text and links.
///
/// Text is kept readable: paragraphs are separated by a blank line, list items by a line
/// break with a bullet, and each link's place in the text is recorded as its anchor.
/// A link whose identity already appears in the section is kept once. Works on UTF-8 bytes
/// and writes the compact `SectionLinks` records directly: this is the inner loop of
/// loading a library.
struct SectionBuilder {
    var title: String
    var level: Int
    var start: Int?
    var reactions = 0
    var author: String?
    var posted: String?
    var number: Int?
    /// Links added while this is set sit inside a quote of another post.
    var quoting = false
    /// Resolves relative links; usually the URL.
    var baseURL: String?
    /// Drops buttons and footer links (`Subscribe`, `Privacy`), for pages saved from the web.
    var dropsChromeLinks = false

    private var bytes: [UInt8] = []
    /// The links, quoted ones (added while `quoting`) marked; their strings in `strings`.
    private var links = SectionLinks.Storage()
    private var strings: [UInt8] = []
    private var seen = ItemIDSet()
    private var lastWasListItem = false

    init(title: String, level: Int = 1, start: Int? = nil, baseURL: String? = nil) {
        self.title = title
        self.level = level
        self.start = start
        self.baseURL = baseURL
    }

    var isEmpty: Bool { bytes.isEmpty && links.isEmpty }

    /// Makes room for the blocks to come (a section's, up to its next heading): their
    /// text, links and link strings, so that adding them does not regrow the buffers and
    /// the set of links seen, a copy and a rehash at each doubling.
    mutating func reserve(for blocks: UnsafeBufferPointer<Block>) {
        var text = 0
        var links = 0
        for index in blocks.indices {
            // The block, a separator and a list item's indent and bullet.
            text += blocks[index].utf8.count + 8
            links += blocks[index].links.count
        }
        bytes.reserveCapacity(bytes.count + text)
        self.links.reserve(links)
        // About what a link's address and tooltip take (reading each block's to add them
        // up would copy the block's links).
        strings.reserveCapacity(strings.count + links * 72)
        if seen.isEmpty, links > 0 { seen = ItemIDSet(minimumCapacity: links) }
    }

    /// Appends a block; `joinLines` turns its line breaks into spaces (Markdown soft breaks).
    mutating func add(_ block: Block, joinLines: Bool) {
        withUnsafePointer(to: block) { add(at: $0, joinLines: joinLines) }
    }

    /// Appends the block at `block`, read in place: a block handed over from an array
    /// while the builder changes is otherwise copied first, its buffers retained, and a
    /// newsletter hands over every block it has.
    mutating func add(at block: UnsafePointer<Block>, joinLines: Bool) {
        var prefix = ""
        var separator = "\n\n"
        switch block.pointee.kind {
        case .listItem(let depth):
            prefix = String(repeating: "  ", count: max(0, depth - 1)) + "• "
            if lastWasListItem { separator = "\n" }
            lastWasListItem = true
        case .rule:
            return
        default:
            lastWasListItem = false
        }
        block.pointee.utf8.withUnsafeBufferPointer { source in
            block.pointee.links.withRecords { records, strings in
                append(
                    source, links: records, strings: strings, separator: separator,
                    prefix: prefix, joinLines: joinLines)
            }
        }
    }

    /// Appends text whose links are `spans` (UTF-8 offsets into `body`).
    mutating func add(
        _ body: String, spans: [LinkSpan], separator: String = "\n\n", prefix: String = ""
    ) {
        var body = body
        body.withUTF8 { source in
            BlockLinks(spans).withRecords { records, strings in
                append(
                    source, links: records, strings: strings, separator: separator,
                    prefix: prefix, joinLines: false)
            }
        }
    }

    /// Adds a link that is not anchored in the text.
    mutating func addLink(text linkText: String, url: String?, title: String? = nil) {
        addLink(text: linkText, url: url.map { $0[...] }, title: title.map { $0[...] })
    }

    /// Adds a link that is not anchored in the text.
    mutating func addLink(text linkText: String, url: Substring?, title: Substring?) {
        let id = url.map { Link.identity(url: $0) } ?? Link.identity(text: linkText, url: nil)
        guard seen.insert(id) else { return }
        links.append(
            id: id, text: store(linkText), url: store(url), title: store(title),
            anchor: (-1, -1), quoted: quoting)
    }

    /// Adds the links of the heading that opens the section (`## [Call for Testing](…)`):
    /// they belong to it, though its text does not hold them.
    mutating func addLinks(of heading: Block) {
        for span in heading.links {
            guard let raw = span.url, let url = LinkResolver.resolve(raw, base: baseURL) else {
                continue
            }
            let text = heading.text(of: span).collapsingWhitespace()
            addLink(text: text.isEmpty ? String(url) : text, url: url, title: span.title)
        }
    }

    /// The section, its text stored without spare capacity.
    func build() -> Section {
        // Pieces of validated text, whole blocks and strings: valid UTF-8 throughout.
        let text = UTF8Text.string(validated: bytes)
        // Copies without the spare capacity that appending left.
        let links = links.finish(
            strings: UTF8Text.string(validated: strings), sectionText: text)
        var section = Section(
            title: title, level: level, start: start, text: text, links: links, reactions: reactions
        )
        section.author = author
        section.posted = posted
        section.number = number
        return section
    }

    /// Appends `source`, whose links are `links` (their destinations and tooltips in
    /// `strings`).
    private mutating func append(
        _ source: UnsafeBufferPointer<UInt8>, links spans: UnsafeBufferPointer<BlockLinks.Record>,
        strings: UnsafeBufferPointer<UInt8>,
        separator: String,
        prefix: String,
        joinLines: Bool
    ) {
        do {
            // Removed images can leave spaces at the ends; trim them.
            var lead = 0
            while lead < source.count, source[lead] == 32 { lead += 1 }
            var end = source.count
            while end > lead, source[end - 1] == 32 { end -= 1 }
            guard lead < end else { return }
            if !bytes.isEmpty { bytes.append(contentsOf: separator.utf8) }
            bytes.append(contentsOf: prefix.utf8)
            let offset = bytes.count - lead
            let appended = bytes.count
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[lead..<end]))
            if joinLines {
                bytes.withUnsafeMutableBufferPointer { all in
                    var cursor = appended
                    while cursor < all.count,
                        let newline = memchr(all.baseAddress! + cursor, 10, all.count - cursor)
                    {
                        let at =
                            UnsafeMutableRawPointer(newline)
                            - UnsafeMutableRawPointer(all.baseAddress!)
                        all[at] = 32
                        cursor = at + 1
                    }
                }
            }
            for index in spans.indices {
                let range = spans[index].range
                let lower = min(max(range.lowerBound, lead), end) + offset
                let upper = min(max(range.upperBound, lead), end) + offset
                addLink(lower, upper, link: spans[index], strings: strings)
            }
        }
    }

    /// Records the link whose text is `bytes[lower..<upper]` and whose destination and
    /// tooltip lie in `strings` where `link` says.
    ///
    /// A plain absolute web address, nearly every link, is checked, hashed and stored from
    /// `strings` in place; any other is resolved first.
    private mutating func addLink(
        _ lower: Int, _ upper: Int, link: BlockLinks.Record, strings: UnsafeBufferPointer<UInt8>
    ) {
        var lower = lower
        var upper = upper
        // Link text that needs its whitespace collapsed keeps a copy of its own.
        var needsCollapsing = false
        bytes.withUnsafeBufferPointer { bytes in
            while lower < upper, isASCIIWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, isASCIIWhitespace(bytes[upper - 1]) { upper -= 1 }
            needsCollapsing = Self.needsCollapsing(
                UnsafeBufferPointer(rebasing: bytes[lower..<upper]))
        }
        let title = link.title.map { UnsafeBufferPointer(rebasing: strings[$0]) }
        guard let bounds = link.url else {
            addLink(lower, upper, needsCollapsing: needsCollapsing, url: nil, title: title)
            return
        }
        let url = UnsafeBufferPointer(rebasing: strings[bounds])
        if LinkResolver.isPlainWebAddress(url) {
            addLink(lower, upper, needsCollapsing: needsCollapsing, url: url, title: title)
            return
        }
        guard
            var resolved = LinkResolver.resolve(UTF8Text.string(validated: url)[...], base: baseURL)
        else { return }
        resolved.withUTF8 {
            addLink(lower, upper, needsCollapsing: needsCollapsing, url: $0, title: title)
        }
    }

    /// Records the link of `addLink(_:_:link:strings:)` once its destination is known:
    /// `url`, or none for a work named without an address.
    private mutating func addLink(
        _ lower: Int, _ upper: Int, needsCollapsing: Bool, url: UnsafeBufferPointer<UInt8>?,
        title: UnsafeBufferPointer<UInt8>?
    ) {
        if url != nil, dropsChromeLinks,
            upper - lower <= SiteChrome.longestChromeLinkText,
            bytes.withUnsafeBufferPointer({
                SiteChrome.isChromeLink(text: UnsafeBufferPointer(rebasing: $0[lower..<upper]))
            })
        {
            return
        }
        var ownText: String?
        if lower == upper {
            guard let url else { return }
            ownText = UTF8Text.string(validated: url)
        } else if needsCollapsing {
            ownText = String(decoding: bytes[lower..<upper], as: UTF8.self).collapsingWhitespace()
        }
        let id =
            url.map { Link.identity(urlUTF8: $0) }
            ?? Link.identity(
                text: ownText ?? String(decoding: bytes[lower..<upper], as: UTF8.self), url: nil)
        guard seen.insert(id) else { return }
        let stored = url.map { store($0) } ?? (-1, -1)
        links.append(
            id: id, text: store(ownText), url: stored, title: title.map { store($0) } ?? (-1, -1),
            anchor: (Int32(lower), Int32(upper)), quoted: quoting)
    }

    /// Whether `text` (trimmed) holds whitespace other than single spaces.
    ///
    /// Sixteen bytes at a time, each checked for a byte below 0x20, and for a space
    /// followed by a space (a second load, one byte on, gives each byte's successor; lane
    /// arithmetic, as the standard library's lane comparisons are not vectorised). Both
    /// checks hold for any window, so the last window overlaps the one before it, and text
    /// shorter than a window is first copied into one padded with letters.
    static func needsCollapsing(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, text.count > 1 else {
            return text.first.map { $0 < 0x20 } ?? false
        }
        guard text.count >= 17 else {
            var padded = SIMD32<UInt8>(repeating: UInt8(ascii: "a"))
            return withUnsafeMutableBytes(of: &padded) { window in
                window.copyMemory(from: UnsafeRawBufferPointer(text))
                return hasBadWhitespace(UnsafeRawPointer(window.baseAddress!))
            }
        }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 17 <= text.count {
            if hasBadWhitespace(raw + index) { return true }
            index += 16
        }
        // The last window ends one byte short of the end (its 17th byte is read as a
        // successor only): the last byte is checked on its own.
        return text[text.count - 1] < 0x20
            || (index < text.count && hasBadWhitespace(raw + (text.count - 17)))
    }

    /// Whether the 16 bytes at `bytes` hold a byte below 0x20, or a space followed by a
    /// space (the 17th byte read as the last one's successor).
    @inline(__always)
    private static func hasBadWhitespace(_ bytes: UnsafeRawPointer) -> Bool {
        let low7 = SIMD16<UInt8>(repeating: 0x7F)
        let space = SIMD16<UInt8>(repeating: 0x20)
        let v = bytes.loadUnaligned(as: SIMD16<UInt8>.self)
        let next = bytes.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
        // High bit set in each lane below 0x20, and in each lane that is a space.
        let below20 = ~(((v & low7) &+ SIMD16(repeating: 0x60)) | v)
        let x = v ^ space
        let y = next ^ space
        let pairs = ~(((x & low7) &+ low7) | x) & ~(((y & low7) &+ low7) | y)
        let flags = unsafeBitCast(below20 | pairs, to: (UInt64, UInt64).self)
        return (flags.0 | flags.1) & 0x8080_8080_8080_8080 != 0
    }

    private mutating func store(_ value: String?) -> (Int32, Int32) {
        guard var value else { return (-1, -1) }
        let start = strings.count
        value.withUTF8 { strings.append(contentsOf: $0) }
        return (Int32(start), Int32(strings.count))
    }

    private mutating func store(_ value: Substring?) -> (Int32, Int32) {
        guard var value else { return (-1, -1) }
        return value.withUTF8 { store($0) }
    }

    private mutating func store(_ utf8: UnsafeBufferPointer<UInt8>) -> (Int32, Int32) {
        let start = strings.count
        strings.append(contentsOf: utf8)
        return (Int32(start), Int32(strings.count))
    }
}
