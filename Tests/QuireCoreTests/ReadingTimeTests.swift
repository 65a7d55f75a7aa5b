import Testing

@testable import QuireCore

@Suite("reading time")
struct ReadingTimeTests {
    @Test(arguments: [
        ("", 0),
        ("one", 1),
        ("Hello, world — it's 3 o'clock", 5),
        ("  spaced\tout\nlines  ", 3),
        ("— · → ***", 0),
        ("naïve café Кириллица", 3),
        ("a\u{00A0}b", 2),
        // CJK: every character a word; punctuation of its own (、。) none.
        ("東京は晴れ", 5),
        ("東京、晴れ。", 4),
        ("quire で読む", 4),
        ("안녕하세요 세계", 7),
        ("𠀀𠀁", 2),
    ])
    func words(_ text: String, _ expected: Int) {
        #expect(ReadingTime.words(in: text) == expected, "\(text)")
    }

    /// The byte-level count against a plain reading of the rule over characters, on
    /// random text mixing spaces, letters, punctuation, CJK and typographic spaces.
    @Test func theFastCountAgreesWithTheRule() {
        func reference(_ text: String) -> Int {
            var words = 0
            var inWord = false
            var hasLetter = false
            func end() {
                if inWord, hasLetter { words += 1 }
                inWord = false
                hasLetter = false
            }
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if [32, 9, 10, 13, 0xA0].contains(v) || (0x2000...0x200A).contains(v)
                    || (0x3000...0x303F).contains(v) || (0xFF01...0xFF0F).contains(v)
                {
                    end()
                } else if ReadingTime.isCJK(v) {
                    end()
                    words += 1
                } else {
                    inWord = true
                    if v < 0x80 {
                        if scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar)
                            || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        {
                            hasLetter = true
                        }
                    } else if !(0x2010...0x2BFF).contains(v), v != 0xB7 {
                        hasLetter = true
                    }
                }
            }
            end()
            return words
        }
        let pieces = [
            " ", "  ", "\n", "\t", "a", "Zed", "42", "*", "—", "·", "é", "東京", "。", "、",
            "\u{00A0}", "\u{2009}", "x-y", "(", ")", "!", "안녕", "→", "！", "𠀀",
            // Runs of eight ASCII bytes and more, read eight at a time.
            "the quick brown ", "--------", "**bold**", "a,b.c;d:e", "word\tword\nword",
            "        ", "1234567890", "~!@#$%^&*()_+{}|", "Zz09[`{@/:",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(ReadingTime.words(in: text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func minutesRoundUpAndLabelsRead() {
        #expect(ReadingTime.minutes(words: 0) == 0)
        #expect(ReadingTime.minutes(words: 1) == 1)
        #expect(ReadingTime.minutes(words: 200) == 1)
        #expect(ReadingTime.minutes(words: 201) == 2)
        #expect(ReadingTime.minutes(words: 600, wordsPerMinute: 300) == 2)
        #expect(ReadingTime.label(minutes: 4) == "4 min")
        #expect(ReadingTime.label(minutes: 90) == "1 h 30 min")
        #expect(ReadingTime.label(minutes: 120) == "2 h")
        #expect(ReadingTime.shortLabel(minutes: 4) == "4m")
        #expect(ReadingTime.shortLabel(minutes: 65) == "1h05")
    }

    /// A Chinese newsletter is not one long word: 1,000 characters read as 1,000 words,
    /// five minutes at the default speed (wallabag#3821 counted them as one).
    @Test func aCJKSectionTakesMinutesNotAMoment() throws {
        let paragraph = String(repeating: "今日は良い天気です。", count: 100)  // 900 words
        let issue = Ingestor.parse(
            text:
                "---\nkind: newsletter\n---\n# 週報\n\n## 本文\n\n\(paragraph)\n\n## English\n\none two three\n",
            path: "cjk.md")
        let times = ReadingTimes(Library(issues: [issue]))
        let body = try #require(issue.sections.first { $0.title == "本文" })
        let english = try #require(issue.sections.first { $0.title == "English" })
        #expect(times.words(ofSection: body.id) == 900)
        #expect(times.words(ofSection: english.id) == 3)
        #expect(times.words(ofIssue: issue.id) == 903)
        #expect(ReadingTime.minutes(words: times.words(ofSection: body.id) ?? 0) == 5)
        // Counted again after an edit: the unchanged issue keeps its counts, the edited
        // one is counted anew.
        let other = Ingestor.parse(
            text: "---\nkind: newsletter\n---\n# B\n\n## S\n\none\n", path: "b.md")
        let before = Library(issues: [issue, other])
        let first = ReadingTimes(before)
        var edited = other
        edited.sections[0].text = "one two"
        let after = Library(issues: [issue, edited])
        let again = ReadingTimes(after, previous: (before, first))
        #expect(again.words(ofIssue: issue.id) == 903)
        #expect(again.words(ofIssue: other.id) == 2)
    }

    @Test(arguments: [
        ("time<10m", TimeBound.Relation.less, 10),
        ("time<=10", .lessOrEqual, 10),
        ("time>5min", .greater, 5),
        ("time>=1h", .greaterOrEqual, 60),
        ("time<1h30m", .less, 90),
        ("time<1h30", .less, 90),
    ])
    func timeBounds(_ token: String, _ relation: TimeBound.Relation, _ minutes: Int) {
        #expect(TimeBound(token) == TimeBound(relation: relation, minutes: minutes))
    }

    @Test func notTimeBounds() {
        for token in ["time", "time<", "time<m", "time=5", "timer<5", "time<5x", "time<h5"] {
            #expect(TimeBound(token) == nil, "\(token)")
        }
        // A longer bound is not a narrower query.
        #expect(!SearchIndex.refines("time<10", "time<1"))
    }

    @Test func timeNarrowsSearchToWhatFitsTheTime() throws {
        let long = String(repeating: "word ", count: 2_500)  // 13 minutes at 200
        let issue = Ingestor.parse(
            text: """
                ---
                kind: newsletter
                ---
                # Reading list

                ## Short essay

                A [short piece](https://example.com/short) to read.

                ## Long essay

                \(long) with [a long piece](https://example.com/long).
                """, path: "list.md")
        var library = Library()
        library.issues = [issue]
        let index = SearchIndex(library)
        func texts(_ query: String) -> [String] {
            index.search(query).map { hit in
                hit.entry.link.map { issue.sections[hit.entry.section!].links[$0].text }
                    ?? hit.entry.section.map { issue.sections[$0].title } ?? issue.title
            }.sorted()
        }
        #expect(texts("piece time<5m") == ["short piece"])
        #expect(texts("piece time>10m") == ["a long piece"])
        #expect(texts("essay in:section time>=13m") == ["Long essay"])
        #expect(texts("essay in:section time>=14m").isEmpty)
        // At 1,000 words a minute the long essay takes three minutes.
        let fast = SearchIndex(library, wordsPerMinute: 1_000)
        #expect(fast.search("piece time<5m").count == 2)
    }
}
