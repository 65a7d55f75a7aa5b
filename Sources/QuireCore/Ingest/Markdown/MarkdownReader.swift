import CMd4c

/// Reads Markdown into blocks with md4c (CommonMark, with bare `http(s)://`, `www.` and
/// e-mail autolinks; URLs found by `URLAutolinks`, addresses by md4c).
///
/// md4c parses in time linear in its input whatever the input holds, builds no tree and
/// calls back with block and span events whose text points into the source, so a
/// document costs one pass and a few arrays. Images are skipped with everything inside
/// them; code spans keep their text but hold no links; HTML blocks become `.html` blocks
/// and inline HTML is kept beside its block's text, both as written, except that inline
/// `<a href>` … `</a>` also makes the text between a link. Pieces of one link
/// split by emphasis — `[“A ](u)_[B](u)_[ C”](u)` — are merged into one span when they
/// touch and share the URL and tooltip.
enum MarkdownReader {
    /// md4c's dialect: CommonMark with its permissive e-mail autolinks.
    ///
    /// No tables, strikethrough or other extensions, so text that uses them stays as
    /// written. Bare `http(s)://` and `www.` URLs are found by `URLAutolinks` in the text
    /// md4c reports.
    static let flags = UInt32(MD_FLAG_PERMISSIVEEMAILAUTOLINKS)

    /// Parses `source` and returns its blocks in document order.
    static func blocks(from source: String) -> [Block] {
        var source = source
        return source.withUTF8 { blocks(from: $0) }
    }

    /// Parses `bytes` (valid UTF-8) and returns its blocks in document order.
    static func blocks(from bytes: UnsafeBufferPointer<UInt8>) -> [Block] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        var walker = Walker(source: bytes)
        var parser = MD_PARSER(
            abi_version: 0, flags: flags,
            enter_block: { type, detail, walker in
                Walker.at(walker).pointee.enter(type, detail)
                return 0
            },
            leave_block: { type, _, walker in
                Walker.at(walker).pointee.leave(type)
                return 0
            },
            enter_span: { type, detail, walker in
                Walker.at(walker).pointee.enter(type, detail)
                return 0
            },
            leave_span: { type, _, walker in
                Walker.at(walker).pointee.leave(type)
                return 0
            },
            text: { type, text, size, walker in
                Walker.at(walker).pointee.text(type, text, size)
                return 0
            },
            debug_log: nil, syntax: nil)
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            _ = withUnsafeMutablePointer(to: &walker) { pointer in
                md_parse(chars, MD_SIZE(bytes.count), &parser, pointer)
            }
        }
        walker.finish()
        return walker.finishedBlocks()
    }

    /// Turns md4c's events into blocks.
    ///
    /// The text and links of every block go into one buffer each; blocks are made as
    /// slices of them once the document is read (see `SharedSlice`).
    private struct Walker {
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
        /// A link in the current document: its text is `bytes[range]` (relative to its
        /// block), its destination and tooltip ranges of `hrefs`.
        struct Span {
            var range: Range<Int>
            var url: Range<Int>
            var title: Range<Int>?
        }
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

        /// The walker md4c hands back to each callback.
        static func at(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Walker> {
            pointer!.assumingMemoryBound(to: Walker.self)
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
            let end = bytes.count - textStart
            guard kind != nil, end > open.start else { return }
            addLink(open.start..<end, url: open.url, title: open.title)
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
            let spans = links.map { span in
                LinkSpan(range: span.range, strings: strings, url: span.url, title: span.title)
            }
            return pending.map { pending in
                var block = Block(
                    kind: pending.kind, utf8: SharedSlice(text, pending.text),
                    links: SharedSlice(spans, pending.links),
                    blankLinesBefore: pending.blankLinesBefore)
                block.html = pending.html
                block.quoted = pending.quoted
                return block
            }
        }

        // MARK: Source positions

        /// Whitespace-only lines (a quote's bare `>` counts as blank) from the line after
        /// the one holding `end - 1` up to the line holding `start`.
        private func blankLines(after end: Int?, before start: Int) -> Int {
            var lineStart = start
            while lineStart > 0, source[lineStart - 1] != 10 { lineStart -= 1 }
            var cursor = end.map { nextLine(after: $0) } ?? 0
            var count = 0
            while cursor < lineStart {
                var blank = true
                while cursor < lineStart, source[cursor] != 10 {
                    let byte = source[cursor]
                    if byte != 32, byte != 9, byte != 62 { blank = false }
                    cursor += 1
                }
                if blank { count += 1 }
                cursor += 1
            }
            return count
        }

        /// The offset of the line after the one holding `end - 1` (the start of the
        /// document for nil).
        private func nextLine(after end: Int?) -> Int {
            guard let end, end > 0 else { return 0 }
            if source[end - 1] == 10 { return end }
            return lineEnd(from: end) + 1
        }

        /// The end of a setext heading's underline (`===`, `---`) on the line after `end`,
        /// which belongs to the heading.
        private func setextUnderlineEnd(after end: Int) -> Int? {
            var cursor = nextLine(after: end)
            while cursor < source.count, source[cursor] == 32 || source[cursor] == 62 {
                cursor += 1
            }
            guard cursor < source.count, source[cursor] == 61 || source[cursor] == 45 else {
                return nil
            }
            let mark = source[cursor]
            let stop = lineEnd(from: cursor)
            for index in cursor..<stop where source[index] != mark && source[index] != 32 {
                return nil
            }
            return stop
        }

        private func nextNonBlankLine(from offset: Int) -> Int {
            var lineStart = offset
            var cursor = offset
            while cursor < source.count {
                let byte = source[cursor]
                if byte == 10 {
                    lineStart = cursor + 1
                } else if byte != 32, byte != 9, byte != 62 {
                    return lineStart
                }
                cursor += 1
            }
            return min(lineStart, source.count)
        }

        private func lineEnd(from offset: Int) -> Int {
            var cursor = min(offset, source.count)
            while cursor < source.count, source[cursor] != 10 { cursor += 1 }
            return cursor
        }

        /// Appends an attribute's text, its references decoded, to `hrefs`; returns where
        /// it is.
        private mutating func appendHref(_ attribute: MD_ATTRIBUTE) -> Range<Int> {
            let start = hrefs.count
            guard attribute.size > 0, let text = attribute.text else { return start..<start }
            let all = UnsafeBufferPointer(
                start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self),
                count: Int(attribute.size))
            let types = attribute.substr_types!
            let offsets = attribute.substr_offsets!
            // The source was checked as UTF-8 before parsing, and md4c cuts it only at
            // ASCII bytes: its pieces need no second check.
            var index = 0
            while offsets[index] < attribute.size {
                let piece = UnsafeBufferPointer(
                    rebasing: all[Int(offsets[index])..<Int(offsets[index + 1])])
                switch types[index] {
                case MD_TEXT_ENTITY:
                    if let decoded = HTMLEntities.decode(piece) {
                        hrefs.append(contentsOf: decoded)
                    } else {
                        hrefs.append(contentsOf: piece)
                    }
                case MD_TEXT_NULLCHAR: hrefs.append(contentsOf: HTMLEntities.replacement)
                default: hrefs.append(contentsOf: piece)
                }
                index += 1
            }
            return start..<hrefs.count
        }
    }
}
