/// Reads plain text into blocks: each run of non-blank lines is a paragraph.
///
/// Lines keep their breaks, and bare URLs (`https://…`, `www.…`) become link spans.
/// Nothing is interpreted as markup, so text like `*ahem*` or `# 1` stays as written.
enum PlainTextReader {
    /// Splits `source` (LF line endings) into paragraphs.
    static func blocks(from source: String) -> [Block] {
        var blocks: [Block] = []
        var lines: [Substring] = []
        var blanks = 0
        func flush() {
            guard !lines.isEmpty else { return }
            let text = lines.joined(separator: "\n")
            let links = BareURLScanner.matches(in: text).map {
                LinkSpan(range: $0.range, url: $0.url, title: nil)
            }
            blocks.append(
                Block(
                    kind: .paragraph, text: text, links: links, blankLinesBefore: blanks))
            lines.removeAll()
            blanks = 0
        }
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0.isWhitespace }) {
                flush()
                blanks += 1
            } else {
                lines.append(Substring(line.trimmingWhitespace()))
            }
        }
        flush()
        return blocks
    }
}
