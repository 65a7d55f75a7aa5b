import QuireTestSupport
import Testing

@testable import QuireCore

@Suite("scanning many candidates")
struct ScanTests {
    /// Lines with ASCII, accents, curly quotes, CJK, full-width letters and CRLF ends.
    static let lines: [String] = {
        var generator = SeededGenerator(seed: 7)
        let words = [
            "diffusion", "Models", "scaling", "law", "Gordić", "“Podracer”", "GAN", "de", "if",
            "Über", "東京", "ＧＰＵ", "naïve", "d_i_f", "modified", "jump", "Ångström", "x",
            "Å", "7B", "e\u{301}t\u{e9}", "İ", "\u{ff2a}",
        ]
        return (0..<12_000).map { _ in
            (0..<Int.random(in: 0...9, using: &generator)).map { _ in
                words.randomElement(using: &generator)!
            }.joined(separator: " ")
        }
    }()

    static let queries = [
        "dif", "diffusion model", "dfsnmdl", "scaling law", "jjjjj", "gordic", "uber", "gpu",
        "'law", "^dif", "gan$", "!jump", "東京 | naive", "Models", "angstrom", "a", "7b", "ete",
        "i", "j", "Å", "x !x",
    ]

    /// The one-pass filter over a buffer (as `quire filter` runs) finds the same lines in
    /// the same order as the index the reader searches, over several parts.
    @Test(arguments: queries)
    func theLineFilterAgreesWithTheIndex(query: String) {
        let text = Array(ScanTests.lines.joined(separator: "\r\n").utf8)
        #expect(text.count > 65_536 * 2, "the filter must cut the buffer into parts")
        let set = CandidateSet(lines: text)
        let expected = set.search(FuzzyQuery(query)).map { set.string(at: $0.index) }
        let found = text.withUnsafeBufferPointer { buffer in
            var out: [String] = []
            LineFilter(FuzzyQuery(query), text: buffer).forEach { line, _ in
                out.append(String(decoding: line, as: UTF8.self))
            }
            return out
        }
        #expect(found.count == expected.count)
        let first = zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            first == nil,
            "first difference at \(first?.offset ?? -1): \(first?.element.0 ?? "") vs \(first?.element.1 ?? "")"
        )
        #expect(!found.isEmpty || query == "jjjjj" || query == "x !x")
    }

    /// A scan narrowed to an earlier query's matches finds what a full scan finds.
    @Test func narrowingToEarlierMatchesChangesNothing() {
        let set = CandidateSet(ScanTests.lines)
        let earlier = set.scan(FuzzyQuery("di")).indices()
        #expect(set.search(FuzzyQuery("dif"), within: earlier) == set.search(FuzzyQuery("dif")))
    }

    /// The best few, merged from every part, are the head of the full order.
    @Test func topIsTheHeadOfEveryHit() {
        let set = CandidateSet(ScanTests.lines)
        let results = set.scan(FuzzyQuery("dif"))
        let all = results.all()
        #expect(all.count == results.count)
        #expect(results.top(25) == Array(all.prefix(25)))
        for (a, b) in zip(all, all.dropFirst()) {
            let la = set.bytes(at: a.index).count
            let lb = set.bytes(at: b.index).count
            #expect(a.score > b.score || (a.score == b.score && (la, a.index) < (lb, b.index)))
        }
    }

    @Test func quickselectPutsTheSmallestFirst() {
        var generator = SeededGenerator(seed: 3)
        for count in [1, 2, 3, 10, 500, 4_000] {
            let keys = Array(
                Set((0..<count).map { _ in UInt64.random(in: 0...1_000_000, using: &generator) }))
            for k in [1, 2, keys.count / 2, keys.count - 1, keys.count]
            where k >= 1 && k <= keys.count {
                for input in [keys, keys.sorted(), keys.sorted().reversed()] {
                    var moved = Array(input)
                    SearchResults.moveSmallestFirst(&moved, k)
                    #expect(moved[..<k].sorted() == Array(keys.sorted().prefix(k)), "\(count) \(k)")
                }
            }
        }
    }

    @Test func ranksBreakTiesBeforeLength() {
        let set = CandidateSet(["dif a", "dif", "dif b"], ranks: [0, 2, 1])
        #expect(set.search(FuzzyQuery("'dif")).map(\.index) == [0, 2, 1])
    }

    /// Text that folding changes only in ASCII case is matched in place; the check never
    /// misses text that folds to something else.
    @Test func theFoldingCheckMatchesWhatFoldingDoes() {
        var samples = ScanTests.lines
        for value in UInt32(0x80)..<0x2100 {
            if let scalar = Unicode.Scalar(value) { samples.append("a\(Character(scalar))B") }
        }
        samples += ["ｇｐｕ", "Ｘ", "e\u{301}", "İstanbul", "ẞ", "Ω", "плов"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            let changes = bytes.withUnsafeBufferPointer(TextFolding.changesBeyondASCIICase)
            #expect(changes == (TextFolding.fold(bytes) != lowered), "\(sample)")
        }
    }

    @Test func characterMasksRejectOnlyWhatCannotMatch() {
        let set = CandidateSet(["xyz", "Gordić", "ＧＰＵ kernels", "plain"])
        #expect(set.search(FuzzyQuery("gordic")).map(\.index) == [1])
        #expect(set.search(FuzzyQuery("Gordić")).map(\.index) == [1])
        #expect(set.search(FuzzyQuery("gpu")).map(\.index) == [2])
        #expect(set.search(FuzzyQuery("!xyz")).map(\.index) == [3, 1, 2])
    }

    @Test func sortKeysOrderBestFirst() {
        let better = SortKey.make(score: 50, rank: 3, length: 100, index: 9)
        let worse = SortKey.make(score: 49, rank: 0, length: 1, index: 0)
        #expect(better < worse)
        #expect(SortKey.score(better) == 50)
        #expect(SortKey.index(better) == 9)
        #expect(SortKey.length(better) == 100)
        #expect(SortKey.score(SortKey.make(score: -70, rank: 0, length: 0, index: 0)) == -70)
    }
}
