import CMd4c

/// Where blocks lie in the source (blank lines between them, a setext heading's
/// underline), and links: their record, and their attributes decoded into `hrefs`.
extension MarkdownWalker {
    /// Runs `event` on the walker md4c hands back to a callback; returns md4c's "go on".
    @inline(__always)
    static func on(_ pointer: UnsafeMutableRawPointer?, _ event: (inout MarkdownWalker) -> Void)
        -> Int32
    {
        event(&pointer!.assumingMemoryBound(to: MarkdownWalker.self).pointee)
        return 0
    }

    /// A link in the current document: its text is `bytes[range]` (relative to its
    /// block), its destination and tooltip ranges of `hrefs`.
    struct Span {
        var range: Range<Int>
        var url: Range<Int>
        var title: Range<Int>?
    }

    /// Whitespace-only lines (a quote's bare `>` counts as blank) from the line after
    /// the one holding `end - 1` up to the line holding `start`.
    func blankLines(after end: Int?, before start: Int) -> Int {
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
    func nextLine(after end: Int?) -> Int {
        guard let end, end > 0 else { return 0 }
        if source[end - 1] == 10 { return end }
        return lineEnd(from: end) + 1
    }

    /// The end of a setext heading's underline (`===`, `---`) on the line after `end`,
    /// which belongs to the heading.
    func setextUnderlineEnd(after end: Int) -> Int? {
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

    func nextNonBlankLine(from offset: Int) -> Int {
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

    func lineEnd(from offset: Int) -> Int {
        var cursor = min(offset, source.count)
        while cursor < source.count, source[cursor] != 10 { cursor += 1 }
        return cursor
    }

    /// Appends an attribute's text, its references decoded, to `hrefs`; returns where
    /// it is.
    mutating func appendHref(_ attribute: MD_ATTRIBUTE) -> Range<Int> {
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
