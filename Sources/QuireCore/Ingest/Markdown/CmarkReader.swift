import CCmarkGFM
import Foundation

/// Reads Markdown into blocks with cmark-gfm (autolink extension on).
///
/// The tree is walked with cmark's iterator, so no input can drive recursion deep.
/// Images are skipped with everything inside them; code spans keep their text but hold no
/// links (cmark never makes links there); HTML is dropped. Pieces of one link split by
/// emphasis — `[“A ](u)_[B](u)_[ C”](u)` — are merged into one span when they touch and
/// share the URL and tooltip.
enum CmarkReader {
    /// The autolink extension, set up so that parsers on several threads do not race.
    ///
    /// cmark-gfm keeps the table of characters that stop the inline scanner in one global
    /// array, and each parse adds its extensions' characters (`:` and `w` for autolink)
    /// before scanning inlines and removes them after (github/cmark-gfm#176). Two parses
    /// at once would then miss bare URLs whenever one finished while the other scanned. So
    /// the characters are added once, for the life of the process, and the extension is
    /// told it has none to add or remove: every parse sees the same table, and the parsers
    /// share no other mutable state.
    nonisolated(unsafe) private static let autolink: OpaquePointer? = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let autolink = cmark_find_syntax_extension("autolink"),
            let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
        else { return nil }
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        cmark_parser_free(parser)
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        return autolink
    }()

    /// Parses `source` and returns its blocks in document order.
    static func blocks(from source: String) -> [Block] {
        CmarkArena.withArena { parse(source) }
    }

    private static func parse(_ source: String) -> [Block] {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, CmarkArena.allocator) else {
            return []
        }
        defer { cmark_parser_free(parser) }
        if let autolink = autolink {
            cmark_parser_attach_syntax_extension(parser, autolink)
        }
        var source = source
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // The tree lives in this thread's arena and goes with it; no need to free it node by node.
        guard let document = cmark_parser_finish(parser) else { return [] }
        var walker = Walker()
        walker.walk(document)
        return walker.blocks
    }

    private struct Walker {
        var blocks: [Block] = []
        var listDepth = 0
        var itemIsFresh = false
        var current: Block?
        var previousEnd = 0
        /// The current block's text as bytes; made a `String` once, when the block ends.
        var bytes: [UInt8] = []
        var openLinks: [(start: Int, url: String, title: String?)] = []
        var utf8Count: Int { bytes.count }

        mutating func walk(_ root: OpaquePointer) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let entering = event == CMARK_EVENT_ENTER
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LIST:
                    listDepth += entering ? 1 : -1
                case CMARK_NODE_ITEM:
                    if entering { itemIsFresh = true }
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                    if entering {
                        let kind: Block.Kind
                        if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                            kind = .heading(level: Int(cmark_node_get_heading_level(node)))
                        } else if itemIsFresh {
                            kind = .listItem(depth: listDepth)
                        } else {
                            kind = .paragraph
                        }
                        itemIsFresh = false
                        begin(kind, node)
                    } else {
                        finish()
                    }
                case CMARK_NODE_CODE_BLOCK:
                    itemIsFresh = false
                    begin(.code, node)
                    appendLiteral(node)
                    finish()
                case CMARK_NODE_THEMATIC_BREAK:
                    begin(.rule, node)
                    finish()
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    appendLiteral(node)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    if current != nil { bytes.append(10) }
                case CMARK_NODE_LINK:
                    if entering {
                        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                        let title = cmark_node_get_title(node).map { String(cString: $0) }
                        openLinks.append((utf8Count, url, (title?.isEmpty ?? true) ? nil : title))
                    } else if let open = openLinks.popLast() {
                        closeLink(open)
                    }
                case CMARK_NODE_IMAGE:
                    // Images are not reading items, and their alt text is not prose.
                    if entering { cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT) }
                default:
                    break  // emphasis, HTML, block quotes, footnote references
                }
            }
        }

        private mutating func appendLiteral(_ node: OpaquePointer) {
            guard current != nil, let literal = cmark_node_get_literal(node) else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
            }
        }

        private mutating func begin(_ kind: Block.Kind, _ node: OpaquePointer) {
            finish()
            let line = Int(cmark_node_get_start_line(node))
            current = Block(
                kind: kind, utf8: [], links: [], blankLinesBefore: max(0, line - previousEnd - 1))
            previousEnd = Int(cmark_node_get_end_line(node))
            bytes.removeAll(keepingCapacity: true)
            openLinks.removeAll(keepingCapacity: true)
        }

        private mutating func closeLink(_ open: (start: Int, url: String, title: String?)) {
            guard current != nil, utf8Count > open.start else { return }
            let range = open.start..<utf8Count
            if var last = current!.links.last, last.url == open.url, last.title == open.title,
                last.range.upperBound == range.lowerBound
            {
                last.range = last.range.lowerBound..<range.upperBound
                current!.links[current!.links.count - 1] = last
            } else {
                current!.links.append(LinkSpan(range: range, url: open.url, title: open.title))
            }
        }

        private mutating func finish() {
            guard var block = current else { return }
            current = nil
            if block.kind == .rule || bytes.contains(where: { !isASCIIWhitespace($0) }) {
                block.utf8 = bytes
                blocks.append(block)
            }
        }
    }
}
