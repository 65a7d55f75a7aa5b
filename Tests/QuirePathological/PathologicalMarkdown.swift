/// Markdown built to make parsers slow: the cases of cmark's pathological suite and a few
/// of quire's own (a very long line, a file of a million links).
///
/// Each is a document under a heading, so it is read as Markdown. `scale` shrinks the
/// repeat counts (1 is the full size), for quick runs.
enum PathologicalMarkdown {
    struct Case {
        var name: String
        var text: String
    }

    /// The cases at `scale`; only the one called `name` when a name is given (each is
    /// built only when asked for: at full size some are tens of megabytes).
    static func cases(scale: Double = 1, named name: String? = nil) -> [Case] {
        func n(_ count: Int) -> Int { max(1, Int(Double(count) * scale)) }
        func repeated(_ piece: String, _ count: Int) -> String {
            String(repeating: piece, count: n(count))
        }
        let markdown: [(String, () -> String)] = [
            (
                "nested-emphasis",
                { repeated("*a **a ", 65_000) + "b" + repeated(" a** a*", 65_000) }
            ),
            ("emphasis-underscore-after", { repeated("a_ ", 65_000) }),
            ("emphasis-underscore-before", { repeated("_a ", 65_000) }),
            ("unopened-brackets", { repeated("a]", 65_000) }),
            ("unclosed-brackets", { repeated("[a", 65_000) }),
            ("mismatched-openers", { repeated("*a_ ", 50_000) }),
            ("openers-and-closers", { "a**b" + repeated("c* ", 50_000) }),
            ("link-openers-and-emphasis", { repeated("[ a_", 50_000) }),
            ("unclosed-link-destinations", { repeated("[ (](", 80_000) }),
            ("nested-brackets", { repeated("[", 50_000) + "a" + repeated("]", 50_000) }),
            ("nested-block-quotes", { repeated("> ", 50_000) + "a" }),
            (
                "nested-lists",
                { (0..<n(1_000)).map { String(repeating: "  ", count: $0) + "- a\n" }.joined() }
            ),
            (
                "backtick-runs",
                { (1..<max(2, n(5_000))).map { "e" + String(repeating: "`", count: $0) }.joined() }
            ),
            ("unclosed-angle-destinations", { repeated("[a](<b", 30_000) }),
            ("unclosed-destinations", { repeated("[a](b", 30_000) }),
            ("unclosed-html-comments", { "</" + repeated("<!--", 300_000) }),
            ("empty-images-of-links", { repeated("![[]()", 160_000) }),
            ("www-prefixes", { repeated("www.", 100_000) }),
            ("wide-table", { wideTable(columns: n(10_000)) }),
            (
                "ten-megabyte-line",
                { repeated("word [link](https://example.com/p) and more ", 230_000) }
            ),
            (
                "million-links",
                {
                    (0..<n(1_000_000)).map { "- [Link \($0)](https://example.com/\($0))\n" }
                        .joined()
                }
            ),
            (
                "bare-url-closing-parentheses",
                { "See https://example.com/a" + repeated(")", 100_000) }
            ),
            // Bare URLs are found by quire (`URLAutolinks`), not md4c.
            ("bare-url-schemes", { repeated("http://a", 200_000) }),
            ("bare-urls", { repeated("(https://example.com/a_(b)) ", 100_000) }),
        ]
        var builders = markdown.map { entry in
            (entry.0, { "# \(entry.0)\n\n" + entry.1() + "\n" })
        }
        // Plain text (no Markdown in it) goes through quire's own reader.
        builders.append(
            (
                "plain-text-bare-url-closing-parentheses",
                { "Plain notes\n\nSee https://example.com/a" + repeated(")", 100_000) + "\n" }
            ))
        return builders.filter { name == nil || $0.0 == name }.map {
            Case(name: $0.0, text: $0.1())
        }
    }

    private static func wideTable(columns: Int) -> String {
        let header = "|" + String(repeating: " h |", count: columns)
        let rule = "|" + String(repeating: "---|", count: columns)
        let row = "|" + String(repeating: " [c](https://example.com/c) |", count: columns)
        return header + "\n" + rule + "\n" + row
    }
}
