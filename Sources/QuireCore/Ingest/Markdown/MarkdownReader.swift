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
        guard let last = bytes.last else { return [] }
        if last == 10 || last == 13 { return parse(bytes) }
        // md4c 0.4.8 reads the byte after a last line that has no line end when it looks
        // for an inline link's closing `)` there (`[a](b` at the very end): past the
        // buffer, where a stray `)` would make a link end beyond the document. A copy
        // that ends its last line is parsed instead; the blocks are the same.
        var ended = Array(bytes)
        ended.append(10)
        return ended.withUnsafeBufferPointer { parse($0) }
    }

    /// Parses `bytes`, whose last byte ends a line.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Block] {
        guard let base = bytes.baseAddress else { return [] }
        var walker = MarkdownWalker(source: bytes)
        // Each callback hands its event to the walker and lets md4c go on.
        var parser = MD_PARSER(
            abi_version: 0, flags: flags,
            enter_block: { type, detail, at in MarkdownWalker.on(at) { $0.enter(type, detail) } },
            leave_block: { type, _, at in MarkdownWalker.on(at) { $0.leave(type) } },
            enter_span: { type, detail, at in MarkdownWalker.on(at) { $0.enter(type, detail) } },
            leave_span: { type, _, at in MarkdownWalker.on(at) { $0.leave(type) } },
            text: { type, text, size, at in MarkdownWalker.on(at) { $0.text(type, text, size) } },
            debug_log: nil, syntax: nil)
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            _ = withUnsafeMutablePointer(to: &walker) { pointer in
                md_parse(chars, MD_SIZE(bytes.count), &parser, pointer)
            }
        }
        walker.finish()
        return walker.finishedBlocks()
    }
}
