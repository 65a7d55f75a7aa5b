import CMd4c

/// Turns md4c's events into blocks.
///
/// The text and links of every block go into one buffer each; blocks are made as
/// slices of them once the document is read (see `SharedSlice`).
struct MarkdownWalker {
    let source: UnsafeBufferPointer<UInt8>
    /// A finished block: its text is `bytes[text]`, its links `links[links]`.
    struct Pending {
        var kind: Block.Kind
        var text: Range<Int>
        var links: Range<Int>
        var html: [InlineHTML]
        var blankLinesBefore: Int
        var quoted: Bool
    }
    var pending: [Pending] = []
    /// The container blocks open around the current point, innermost last.
    var containers: [MD_BLOCKTYPE] = []
    var listDepth = 0
    /// An item was entered and its first block has not started yet.
    var itemIsFresh = false
    /// The block being read, if any; its text is `bytes[textStart...]`, its links
    /// `links[linksStart...]`, with ranges relative to `textStart`.
    var kind: Block.Kind?
    var bytes: [UInt8] = []
    var links: [Span] = []
    /// Every link's destination and tooltip, one after another.
    var hrefs: [UInt8] = []
    var textStart = 0
    var linksStart = 0
    var html: [InlineHTML] = []
    var openLinks: [(start: Int, url: Range<Int>, title: Range<Int>?)] = []
    /// Inline HTML anchors open in the current block.
    var openAnchors: [(start: Int, url: Range<Int>, title: Range<Int>?)] = []
    /// Links entered inside an image, which are skipped with it.
    var skippedLinks = 0
    var imageDepth = 0
    /// Where the current block's text starts and ends in the source, as far as seen.
    var sourceStart: Int?
    var sourceEnd = 0
    /// Where the last block ended in the source.
    var previousEnd: Int?

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        bytes.reserveCapacity(source.count)
    }

    mutating func enter(_ type: MD_BLOCKTYPE, _ detail: UnsafeMutableRawPointer?) {
        switch type {
        case MD_BLOCK_UL, MD_BLOCK_OL:
            finish()  // a tight item's text before its nested list
            listDepth += 1
            containers.append(type)
        case MD_BLOCK_LI:
            itemIsFresh = true
            containers.append(type)
        case MD_BLOCK_QUOTE:
            finish()
            containers.append(type)
        case MD_BLOCK_P:
            begin(itemIsFresh ? .listItem(depth: listDepth) : .paragraph)
        case MD_BLOCK_H:
            let level = detail.map {
                Int($0.assumingMemoryBound(to: MD_BLOCK_H_DETAIL.self).pointee.level)
            }
            begin(.heading(level: level ?? 1))
        case MD_BLOCK_CODE:
            begin(.code)
            if let detail {
                keepProseInfo(
                    detail.assumingMemoryBound(to: MD_BLOCK_CODE_DETAIL.self).pointee.info)
            }
        case MD_BLOCK_HTML:
            begin(.html)
        case MD_BLOCK_HR:
            begin(.rule)
            finish()
        default:
            break  // the document; tables are not enabled
        }
    }

    mutating func leave(_ type: MD_BLOCKTYPE) {
        switch type {
        case MD_BLOCK_UL, MD_BLOCK_OL:
            finish()
            listDepth -= 1
            containers.removeLast()
        case MD_BLOCK_LI, MD_BLOCK_QUOTE:
            finish()  // a tight item's text
            itemIsFresh = false
            containers.removeLast()
        case MD_BLOCK_P, MD_BLOCK_H, MD_BLOCK_CODE, MD_BLOCK_HTML:
            finish()
        default:
            break
        }
    }

    mutating func enter(_ type: MD_SPANTYPE, _ detail: UnsafeMutableRawPointer?) {
        switch type {
        case MD_SPAN_IMG:
            imageDepth += 1
        case MD_SPAN_A:
            guard imageDepth == 0, let detail else {
                skippedLinks += 1
                return
            }
            let link = detail.assumingMemoryBound(to: MD_SPAN_A_DETAIL.self).pointee
            let url = appendHref(link.href)
            let title = appendHref(link.title)
            openLinks.append((bytes.count - textStart, url, title.isEmpty ? nil : title))
        default:
            break  // emphasis, code spans
        }
    }

    mutating func leave(_ type: MD_SPANTYPE) {
        switch type {
        case MD_SPAN_IMG:
            imageDepth -= 1
        case MD_SPAN_A:
            if skippedLinks > 0 {
                skippedLinks -= 1
            } else if let open = openLinks.popLast() {
                closeLink(open)
            }
        default:
            break
        }
    }

    mutating func text(_ type: MD_TEXTTYPE, _ text: UnsafePointer<CChar>?, _ size: MD_SIZE) {
        guard let text else { return }
        let piece = UnsafeBufferPointer(
            start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(size))
        if kind == nil, containers.last == MD_BLOCK_LI {
            // md4c reports a tight list item's text with no paragraph around it.
            begin(itemIsFresh ? .listItem(depth: listDepth) : .paragraph)
        }
        guard kind != nil else { return }
        let offset = see(piece)
        guard imageDepth == 0 else { return }
        switch type {
        case MD_TEXT_NORMAL:
            let start = bytes.count - textStart
            bytes.append(contentsOf: piece)
            if kind != .html {
                for url in URLAutolinks.matches(in: piece, source: source, offset: offset) {
                    let href = hrefs.count
                    if url.needsScheme { hrefs.append(contentsOf: "http://".utf8) }
                    hrefs.append(contentsOf: UnsafeBufferPointer(rebasing: piece[url.range]))
                    addLink(
                        (start + url.range.lowerBound)..<(start + url.range.upperBound),
                        url: href..<hrefs.count, title: nil)
                }
            }
        case MD_TEXT_CODE:
            bytes.append(contentsOf: piece)
        case MD_TEXT_HTML:
            if kind == .html {
                bytes.append(contentsOf: piece)
            } else {
                let tag = String(decoding: piece, as: UTF8.self)
                html.append(InlineHTML(offset: bytes.count - textStart, text: tag))
                anchorTag(piece, tag)
            }
        case MD_TEXT_BR, MD_TEXT_SOFTBR:
            bytes.append(10)
        case MD_TEXT_ENTITY:
            bytes.append(contentsOf: HTMLEntities.decode(piece) ?? Array(piece))
        case MD_TEXT_NULLCHAR:
            bytes.append(contentsOf: HTMLEntities.replacement)
        default:
            break
        }
    }

    /// A fence's info string that is prose, not a language (```` ``` in a terminal and
    /// post what it prints? ````, as a stray inline fence opens a block): kept as the code's
    /// first line, so no text of the document is lost.
    private mutating func keepProseInfo(_ info: MD_ATTRIBUTE) {
        guard info.size > 0, let text = info.text else { return }
        let piece = UnsafeBufferPointer(
            start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self),
            count: Int(info.size))
        guard piece.contains(32) || piece.contains(9) else { return }
        _ = see(piece)
        bytes.append(contentsOf: piece)
        bytes.append(10)
    }

    /// Inline `<a href="…">` … `</a>` in a paragraph: the text between is a link.
    private mutating func anchorTag(_ piece: UnsafeBufferPointer<UInt8>, _ tag: String) {
        guard piece.count >= 3, piece[0] == 60 else { return }
        if piece[1] == 47, piece[2] | 0x20 == 97, piece.count >= 4,
            piece[3] == 62 || isASCIIWhitespace(piece[3])
        {  // </a>
            if let open = openAnchors.popLast() { closeLink(open) }
            return
        }
        guard piece[1] | 0x20 == 97, piece[2] == 62 || isASCIIWhitespace(piece[2]),
            imageDepth == 0, let anchor = HTMLReader.anchor(tag)
        else { return }
        let url = appendHref(anchor.href)
        let title = anchor.title.map { appendHref($0) }
        openAnchors.append((bytes.count - textStart, url, title))
    }

    /// Notes where a piece of the current block's text lies in the source, and returns
    /// its offset there (nil for text md4c made, such as a replacement character).
    private mutating func see(_ piece: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let start = piece.baseAddress, let base = source.baseAddress,
            start >= base, start + piece.count <= base + source.count
        else { return nil }
        let offset = start - base
        if sourceStart == nil { sourceStart = offset }
        sourceEnd = max(sourceEnd, offset + piece.count)
        return offset
    }

    private mutating func begin(_ newKind: Block.Kind) {
        finish()
        itemIsFresh = false
        kind = newKind
    }

    private mutating func closeLink(_ open: (start: Int, url: Range<Int>, title: Range<Int>?)) {
        guard kind != nil, bytes.count - textStart > open.start else { return }
        tidyLinkText(from: textStart + open.start, url: open.url)
        let end = bytes.count - textStart
        guard end > open.start else { return }
        addLink(open.start..<end, url: open.url, title: open.title)
    }

    private static let attachmentSuffix = Array("|attachment".utf8)
    private static let uploadScheme = Array("upload://".utf8)
    private static let imageOpen = Array("[img]".utf8)
    private static let imageClose = Array("[/img]".utf8)

    /// Forum markup that a link's text carries into Markdown, read as a reader sees it.
    ///
    /// Discourse's `[log.txt|attachment](upload://…)` names the file alone, and a BBCode
    /// image as a link's text (`[[IMG]https://…/board.png[/IMG]](…)`) is named by its file.
    /// The link's text is the end of `bytes`, from `start`.
    private mutating func tidyLinkText(from start: Int, url: Range<Int>) {
        // Almost every link is neither: two byte checks rule both out.
        guard let first = bytes[start...].first, let last = bytes.last,
            last == UInt8(ascii: "t") || first == UInt8(ascii: "[")
        else { return }
        let text = bytes[start...]
        let attachment = Self.attachmentSuffix
        if last == UInt8(ascii: "t"), hrefs[url].starts(with: Self.uploadScheme),
            text.count > attachment.count, text.suffix(attachment.count).elementsEqual(attachment)
        {
            bytes.removeLast(attachment.count)
            return
        }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
        let open = Self.imageOpen
        let close = Self.imageClose
        guard first == UInt8(ascii: "["), text.count > open.count + close.count,
            text.prefix(open.count).lazy.map(lower).elementsEqual(open),
            text.suffix(close.count).lazy.map(lower).elementsEqual(close)
        else { return }
        let image = text.dropFirst(open.count).dropLast(close.count)
        let path = image.prefix(while: { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") })
        var name = Array(path.split(separator: UInt8(ascii: "/")).last ?? [])
        if name.isEmpty || path.last == UInt8(ascii: "/") || path.contains(UInt8(ascii: " ")) {
            name = Array("image".utf8)
        }
        bytes.removeSubrange(start...)
        bytes += name
        // A bare URL found inside the tags is no link of its own.
        while links.count > linksStart, let last = links.last,
            last.range.lowerBound >= start - textStart
        {
            links.removeLast()
        }
    }

    /// Adds a link over `range` of the current block's text, merged into the one
    /// before when that ends where it starts with the same URL and tooltip.
    private mutating func addLink(_ range: Range<Int>, url: Range<Int>, title: Range<Int>?) {
        if links.count > linksStart, var last = links.last,
            last.range.upperBound == range.lowerBound, sameHref(last.url, url),
            sameHref(last.title, title)
        {
            last.range = last.range.lowerBound..<range.upperBound
            links[links.count - 1] = last
        } else {
            links.append(Span(range: range, url: url, title: title))
        }
    }

    /// Whether two ranges of `hrefs` hold the same text (or are both absent).
    private func sameHref(_ a: Range<Int>?, _ b: Range<Int>?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.count == b.count && hrefs[a].elementsEqual(hrefs[b])
    }

    /// Appends `text` to `hrefs`; returns where it is.
    private mutating func appendHref(_ text: String) -> Range<Int> {
        let start = hrefs.count
        hrefs.append(contentsOf: text.utf8)
        return start..<hrefs.count
    }

    /// Ends the current block, keeping it when it holds any text (or is a rule).
    mutating func finish() {
        guard let finished = kind else { return }
        kind = nil
        defer {
            html.removeAll()
            openLinks.removeAll(keepingCapacity: true)
            openAnchors.removeAll()
            sourceStart = nil
            sourceEnd = 0
            textStart = bytes.count
            linksStart = links.count
        }
        guard
            finished == .rule || bytes[textStart...].contains(where: { !isASCIIWhitespace($0) })
        else {
            bytes.removeSubrange(textStart...)
            links.removeSubrange(linksStart...)
            return
        }
        // A rule has no text: it is the next line that is not blank.
        let start = sourceStart ?? nextNonBlankLine(from: nextLine(after: previousEnd))
        var end = sourceStart == nil ? lineEnd(from: start) : sourceEnd
        if case .heading = finished { end = setextUnderlineEnd(after: end) ?? end }
        pending.append(
            Pending(
                kind: finished, text: textStart..<bytes.count, links: linksStart..<links.count,
                html: html, blankLinesBefore: blankLines(after: previousEnd, before: start),
                quoted: containers.contains(MD_BLOCK_QUOTE)))
        previousEnd = max(previousEnd ?? 0, end)
    }

    /// The blocks read, sharing one buffer of text, one of links and one string of
    /// link destinations and tooltips.
    func finishedBlocks() -> [Block] {
        let text = bytes
        let strings = UTF8Text.string(validated: hrefs)
        let records = links.map { span in
            BlockLinks.Record(range: span.range, url: span.url, title: span.title)
        }
        return pending.map { pending in
            var block = Block(
                kind: pending.kind, utf8: SharedSlice(text, pending.text),
                links: BlockLinks(records: SharedSlice(records, pending.links), strings: strings),
                blankLinesBefore: pending.blankLinesBefore)
            block.html = pending.html
            block.quoted = pending.quoted
            return block
        }
    }
}
