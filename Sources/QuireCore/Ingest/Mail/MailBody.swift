/// A message's body as blocks: its HTML part read as a page is, else its plain text with
/// quotes marked and the signature and list footer left out.
enum MailBody {
    /// The body's blocks.
    ///
    /// `asPage` leaves a newsletter's chrome out (footers, share and subscribe blocks) as
    /// a page's is; a post in a conversation is read whole. Links to `unsubscribe`
    /// addresses are no reading items and go.
    static func blocks(of message: MailMessage, asPage: Bool) -> [Block] {
        var blocks: [Block]
        if let html = message.html {
            blocks = html.withUnsafeBufferPointer {
                asPage ? HTMLPage.bodyBlocks($0) : HTMLReader.blocks(fromUTF8: $0)
            }
        } else {
            blocks = plainBlocks(message.text ?? "")
        }
        guard !message.unsubscribe.isEmpty else { return blocks }
        let unwanted = Set(message.unsubscribe)
        return blocks.compactMap { block in
            let kept = block.links.filter { $0.url.map { !unwanted.contains(String($0)) } ?? true }
            guard kept.count < block.links.count else { return block }
            // A footer line that only offers the way out (`Unsubscribe: https://…`) goes.
            if kept.isEmpty, block.utf8.count < 160 { return nil }
            var trimmed = block
            trimmed.links = BlockLinks(kept)
            return trimmed
        }
    }

    /// Plain text as paragraphs (see `PlainTextReader`), with what it quotes marked.
    ///
    /// Quoted lines (`> …`, any depth) lose their markers and make quoted blocks, and so
    /// does the attribution line just before them (`On Tue, … Ana wrote:`). The signature
    /// (after a `-- ` line) and a mailing list's footer (after a line of underscores) are
    /// left out: they are the same in every message and hold no reading.
    static func plainBlocks(_ text: String) -> [Block] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        if let footer = lines.firstIndex(where: { $0 == "-- " || isListFooterRule($0) }) {
            lines.removeSubrange(footer...)
        }
        var quoted = lines.map { $0.hasPrefix(">") }
        for index in lines.indices.dropLast() where quoted[index + 1] && !quoted[index] {
            if PostSignals.isAttribution(lines[index]) { quoted[index] = true }
            // `Yesterday at 15:02, Simos wrote:`, a blank line, then the quote.
            if index > 0, lines[index].allSatisfy(\.isWhitespace),
                PostSignals.isAttribution(lines[index - 1])
            {
                quoted[index - 1] = true
            }
            // `On Tue, 4 Mar 2025 at 17:05, Ana Lima <ana@example.org>` / `wrote:`
            if index > 0, PostSignals.isAttribution(lines[index - 1] + " " + lines[index]) {
                quoted[index - 1] = true
                quoted[index] = true
            }
        }
        var blocks: [Block] = []
        var start = 0
        while start < lines.count {
            var end = start
            while end < lines.count, quoted[end] == quoted[start] { end += 1 }
            let run = lines[start..<end].map { quoted[start] ? withoutQuoteMarkers($0) : $0 }
            var read =
                quoted[start]
                ? PlainTextReader.blocks(from: run.joined(separator: "\n")) : withHeadings(run)
            if quoted[start] { for index in read.indices { read[index].quoted = true } }
            blocks += read.flatMap(listItems).map(labellingBareURLs)
            start = end
        }
        return blocks
    }

    /// A paragraph whose every line opens with a list marker (`* `, `- `, `• `, `1. `) as
    /// one list item per line, markers left out; any other block as it is.
    static func listItems(_ block: Block) -> [Block] {
        guard block.kind == .paragraph else { return [block] }
        let lines = block.lineRanges()
        let markers = lines.map { line in
            line.0.firstMatch(of: /^\s*(?:[*\-•]|\d{1,3}[.)])\s+/).map { $0.output.utf8.count }
        }
        guard markers.allSatisfy({ $0 != nil }) else { return [block] }
        let spans = Array(block.links)
        return zip(lines, markers).map { line, marker in
            let (text, range) = line
            let item = String(text.utf8.dropFirst(marker!)) ?? ""
            let start = range.lowerBound + marker!
            let inside = spans.filter {
                $0.range.lowerBound >= start && $0.range.upperBound <= range.upperBound
            }
            .compactMap { $0.shifted(by: -start, within: item) }
            var made = Block(kind: .listItem(depth: 1), text: item, links: inside)
            made.quoted = block.quoted
            return made
        }
    }

    /// `block` with each bare URL that ends a `Label: URL` line linked from its label.
    ///
    /// Plain-text newsletters name their links so (`* Backpressure explained with trains:
    /// https://…`, `Slides - https://…`). The URL stays in the text.
    static func labellingBareURLs(_ block: Block) -> Block {
        guard !block.links.isEmpty else { return block }
        let bytes = Array(block.utf8)
        var spans = Array(block.links)
        var changed = false
        for index in spans.indices {
            let span = spans[index]
            guard let url = span.url,
                String(decoding: bytes[span.range], as: UTF8.self) == String(url)
            else { continue }
            // The URL ends its line.
            var end = span.range.upperBound
            while end < bytes.count, bytes[end] != 10, isASCIIWhitespace(bytes[end]) { end += 1 }
            guard end == bytes.count || bytes[end] == 10 else { continue }
            var lineStart = span.range.lowerBound
            while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
            // No other link on the line before it.
            guard
                !spans.contains(where: {
                    $0.range.lowerBound >= lineStart && $0.range.upperBound <= span.range.lowerBound
                })
            else { continue }
            let before = String(decoding: bytes[lineStart..<span.range.lowerBound], as: UTF8.self)
            guard let label = label(before) else { continue }
            spans[index] = span.with(
                range: (lineStart + label.lowerBound)..<(lineStart + label.upperBound))
            changed = true
        }
        guard changed else { return block }
        var labelled = block
        labelled.links = BlockLinks(spans)
        return labelled
    }

    /// Where the label lies in the text before a line's URL, as UTF-8 offsets: a list
    /// marker (`*`, `-`, `1.`, `[1]`) before it and a `:`, `-` or `—` after it left out;
    /// nil when there is no separator (prose that ends in a URL) or no label.
    private static func label(_ text: String) -> Range<Int>? {
        let utf8 = Array(text.utf8)
        var end = utf8.count
        while end > 0, isASCIIWhitespace(utf8[end - 1]) { end -= 1 }
        let separators: [[UInt8]] = [":", "-", "\u{2013}", "\u{2014}", "|"].map { Array($0.utf8) }
        guard
            let separator = separators.first(where: {
                end >= $0.count && Array(utf8[(end - $0.count)..<end]) == $0
            })
        else { return nil }
        end -= separator.count
        while end > 0, isASCIIWhitespace(utf8[end - 1]) { end -= 1 }
        var start = 0
        while start < end, isASCIIWhitespace(utf8[start]) { start += 1 }
        // A list marker: `*`, `-`, `•`, `1.`, `1)`, `[1]`.
        let rest = String(decoding: utf8[start..<end], as: UTF8.self)
        if let marker = rest.firstMatch(of: /^(?:[*\-•]|\d{1,3}[.)]|\[\d{1,3}\])\s+/) {
            start += marker.output.utf8.count
        }
        guard end - start >= 3, end - start <= 160 else { return nil }
        return start..<end
    }

    /// Plain text whose underlined lines (`Storage` over `-------`, or `=====`) are
    /// headings, as plain-text newsletters mark their sections.
    private static func withHeadings(_ lines: [Substring]) -> [Block] {
        var blocks: [Block] = []
        var start = 0
        var index = 0
        while index + 1 < lines.count {
            let title = lines[index].trimmingWhitespace()
            let rule = lines[index + 1].trimmingWhitespace()
            let isUnderline =
                rule.count >= 3 && (rule.allSatisfy { $0 == "-" } || rule.allSatisfy { $0 == "=" })
                && !title.isEmpty && abs(rule.count - title.count) <= max(3, title.count / 4)
            guard isUnderline else {
                index += 1
                continue
            }
            blocks += PlainTextReader.blocks(from: lines[start..<index].joined(separator: "\n"))
            blocks.append(
                Block(kind: .heading(level: rule.first == "=" ? 1 : 2), text: title, links: []))
            index += 2
            start = index
        }
        blocks += PlainTextReader.blocks(from: lines[start...].joined(separator: "\n"))
        return blocks
    }

    /// A line of 20 or more underscores, as list servers put above their footer.
    private static func isListFooterRule(_ line: Substring) -> Bool {
        line.utf8.count >= 20 && line.utf8.allSatisfy { $0 == UInt8(ascii: "_") }
    }

    /// `> > text` → `text`.
    private static func withoutQuoteMarkers(_ line: Substring) -> Substring {
        var rest = line[...]
        while let first = rest.first, first == ">" || first == " " {
            rest = rest.dropFirst()
            if first == " ", rest.first != ">" { break }
        }
        return rest
    }
}
