import QuireCore
import QuireTestSupport
import Testing

@Suite("fuzzy matcher")
struct FuzzyMatcherTests {
    func matches(_ query: String, _ text: String) -> Bool {
        FuzzyMatcher.score(FuzzyQuery(query), text) != nil
    }

    func ranked(_ query: String, _ candidates: [String]) -> [String] {
        let set = CandidateSet(candidates)
        return set.search(FuzzyQuery(query)).map { set.string(at: $0.index) }
    }

    @Test func aSubsequenceMatchesInOrderOnly() {
        #expect(matches("dfsn", "diffusion"))
        #expect(!matches("nsfd", "diffusion"))
        #expect(!matches("diffusionx", "diffusion"))
    }

    @Test func smartCaseAndFolding() {
        #expect(matches("gordic", "Aleksa Gordić"))
        #expect(matches("gordić", "Aleksa Gordic"))
        #expect(matches("ＧＰＵ", "gpu kernels"))
        #expect(matches("gpu", "ＧＰＵ kernels"))
        #expect(matches("Podracer", "“Podracer architectures”"))
        #expect(!matches("PODRACER", "“Podracer architectures”"))
        #expect(matches("来源", "来源: https://gwern.net"))
    }

    @Test func extendedSyntax() {
        #expect(matches("'sion mo", "diffusion models"))
        #expect(!matches("'dfsn", "diffusion"))
        #expect(matches("^diff", "diffusion"))
        #expect(!matches("^fusion", "diffusion"))
        #expect(matches("sion$", "diffusion"))
        #expect(matches("^diffusion$", "Diffusion"))
        #expect(!matches("^diffusion$", "diffusion models"))
        #expect(matches("diffusion !gan", "diffusion models"))
        #expect(!matches("diffusion !gan", "diffusion beats GANs"))
        #expect(matches("gan | transformer", "transformers"))
        #expect(matches("diff scal", "scaling diffusion"))
        #expect(!matches("diff scal", "diffusion"))
    }

    @Test func wordStartsAndRunsRankAboveScatteredMatches() {
        let candidates = [
            "a dense diffusion model", "Diffusion Models Beat GANs", "dif", "d_i_f", "modified",
        ]
        let order = ranked("dif", candidates)
        #expect(order.first == "dif")
        #expect(order.last == "d_i_f" || order.last == "modified")
        #expect(
            order.firstIndex(of: "Diffusion Models Beat GANs")! < order.firstIndex(of: "modified")!)
    }

    @Test func aContiguousMatchOfTheWholeQueryRanksAboveAScatteredOne() {
        let order = ranked(
            "scaling law", ["scattered calling lawyer", "Scaling laws for neural language models"])
        #expect(order.first == "Scaling laws for neural language models")
    }

    /// The greedy scan finds the first window that ends earliest; the term written out
    /// later in the text still gets the contiguous score, and the highlight shows it.
    @Test func aWholeTermLaterInTheTextBeatsAnEarlierScatteredWindow() {
        let show = "Stability and combinations, with Aleksa Gordić London Futurists"
        let order = ranked("london", ["lots of nondescript words done", show])
        #expect(order.first == show)
        #expect(marked("dif", "modified diffusion") == ".........DIF......")
        #expect(marked("london", "la on d on London") == "...........LONDON")
    }

    /// Every hit holds each term as a subsequence of the folded text, and nothing else does.
    @Test(arguments: ["dif", "dfsnmdl", "scaling law", "jjjjj", "gordic", "a", "zz top"])
    func hitsAreExactlyTheSubsequenceMatches(query: String) {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz DIFSGć")
        let candidates = (0..<2000).map { _ in
            String(
                (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                })
        }
        let set = CandidateSet(candidates)
        let hits = Set(set.search(FuzzyQuery(query)).map(\.index))
        for (index, candidate) in candidates.enumerated() {
            let folded = String(decoding: TextFolding.fold(Array(candidate.utf8)), as: UTF8.self)
            let expected = query.split(separator: " ").allSatisfy {
                isSubsequence(Array($0.utf8), of: Array(folded.utf8))
            }
            #expect(hits.contains(index) == expected, "\(query) vs \(candidate)")
        }
    }

    func isSubsequence(_ pattern: [UInt8], of text: [UInt8]) -> Bool {
        var index = 0
        for byte in text where index < pattern.count && byte == pattern[index] { index += 1 }
        return index == pattern.count
    }

    /// Marks as a string: matched characters upper-cased, the rest as dots.
    func marked(_ query: String, _ text: String) -> String {
        let flags = FuzzyMatcher.highlights(FuzzyQuery(query), in: text)
        return String(zip(text, flags).map { $1 ? Character($0.uppercased()) : "." })
    }

    @Test func highlightsShowTheTightestWindowOfEachTerm() {
        #expect(marked("dif", "a dense diffusion") == "........DIF......")
        #expect(marked("gordic", "Aleksa Gordić") == ".......GORDIĆ")
        #expect(marked("'law scal", "scaling laws") == "SCAL....LAW.")
        #expect(marked("^sca", "scaling") == "SCA....")
        #expect(marked("ing$", "scaling") == "....ING")
        #expect(marked("dif !law", "diffusion laws") == "DIF...........")
        #expect(marked("xyz | dif", "diffusion") == "DIF......")
        #expect(marked("zzz", "diffusion") == ".........")
        #expect(marked("ＧＰＵ", "gpu") == "GPU")
    }

    @Test func linesReadFromInputKeepTheirBytes() {
        let set = CandidateSet(lines: Array("one\r\ntwo\n\nthree".utf8))
        #expect(set.count == 4)
        #expect((0..<set.count).map { set.string(at: $0) } == ["one", "two", "", "three"])
        #expect(set.search(FuzzyQuery("o")).map(\.index) == [0, 1])
    }
}
