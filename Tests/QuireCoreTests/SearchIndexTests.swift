import QuireTestSupport
import Testing

@testable import QuireCore

@Suite("search over the seeds")
struct SearchIndexTests {
    static let library = Ingestor.load([Seeds.folder])
    static let index = SearchIndex(library)

    func top(_ query: String, _ count: Int = 1, marks: ReadState = ReadState()) -> [String] {
        Self.index.search(query, marks: marks, limit: count).map { hit in
            let issue = Self.library.issues[hit.entry.issue]
            let section = hit.entry.section.map { issue.sections[$0] }
            return hit.entry.link.flatMap { l in section.map { $0.links[l].text } } ?? section?
                .title ?? issue.title
        }
    }

    @Test func podracerFindsThePodracerLinkFirst() {
        #expect(top("podracer") == ["“Podracer architectures for scalable Reinforcement Learning”"])
    }

    @Test func gansFindsTheGANChapters() {
        let hits = top("gans", 5)
        #expect(hits.count == 5)
        #expect(hits.prefix(3).allSatisfy { $0.contains("GANs") })
    }

    @Test func dallFindsTheDALLEReference() {
        #expect(
            top("dall", 2).allSatisfy { $0 == "Zero-Shot Text-to-Image Generation (DALL-E paper)" })
    }

    @Test func theShowsNameFindsItsEpisode() {
        #expect(top("london futur") == ["Stability and combinations, with Aleksa Gordić"])
    }

    @Test func gordicFindsTheShowNotes() {
        #expect(top("gordic") == ["Stability and combinations, with Aleksa Gordić"])
    }

    @Test func qualifiersNarrowTheSet() {
        let links = Self.index.search("diffusion in:link", limit: 50)
        #expect(!links.isEmpty && links.allSatisfy { $0.entry.kind == .link })
        #expect(
            Self.index.search("host:www.arxiv.org diffusion", limit: 5).map(\.entry.id)
                == Self.index.search("host:arxiv.org diffusion", limit: 5).map(\.entry.id))
        let wiki = Self.index.search("host:wikipedia.org", limit: 100)
        #expect(!wiki.isEmpty && wiki.allSatisfy { $0.entry.host == "en.wikipedia.org" })
        let thread = Self.index.search("kind:thread", limit: 1000)
        #expect(thread.allSatisfy { Self.library.issues[$0.entry.issue].kind == .thread })
        let podracer = Self.index.search("podracer", limit: 1)[0].entry.id
        let read = ReadState(items: [
            podracer: ItemState(
                read: true, starred: true, changed: StateClock.seconds(iso: "2026-01-01T00:00:00Z")!
            )
        ])
        #expect(
            Self.index.search("podracer is:unread", marks: read, limit: 1).first?.entry.id
                != podracer)
        #expect(
            Self.index.search("is:starred", marks: read, limit: 10).map(\.entry.id) == [podracer])
    }
}

@Suite("the search index's candidates")
struct SearchIndexCandidateTests {
    /// The bytes written for each link are its text, host and path, and tooltip, as the
    /// overlay shows them; hosts are lower case without `www.`.
    @Test func linkCandidatesAreTextHostPathAndTooltip() {
        let index = SearchIndexTests.index
        var links = 0
        for i in 0..<index.count {
            let entry = index.entry(i)
            guard entry.kind == .link, let s = entry.section, let l = entry.link else { continue }
            let link = SearchIndexTests.library.issues[entry.issue].sections[s].links[l]
            #expect(index.text(of: i) == SearchIndex.searchText(of: link))
            #expect(entry.id == link.id)
            if let url = link.url, url.hasPrefix("http") {
                let host = URLParts.hostAndPath(url).0
                #expect(entry.host == host)
                #expect(host == host.lowercased() && !host.hasPrefix("www."))
            }
            links += 1
        }
        #expect(
            links
                == SearchIndexTests.library.issues.reduce(0) {
                    $0 + $1.sections.reduce(0) { $0 + $1.links.count }
                })
    }
}

/// The index reads each candidate's text from the library in place; a scan of every
/// candidate's text made independently from the model (issue title and show, section
/// title, `SearchIndex.searchText(of:)` for a link) and copied into a `CandidateSet` must
/// rank the same hits, folding and qualifiers aside.
@Suite("search in place against a copy")
struct SearchInPlaceTests {
    static let library = Library(
        issues: Ingestor.load([Seeds.folder, Checkout.path("Tests/QuireCoreTests/Fixtures/forms")])
            .issues
            + [
                parse(
                    """
                    # Ünïcode Ｗｉｄｅ and Ærø

                    ## Ĉhapter ÉTÉ
                    - [Gödel, Escher, Bach](https://WWW.Example.ORG/Ĝ?q=1 "Ŝtrange loops")
                    - [](https://arxiv.org/abs/1706.03762)
                    - [Ärger](https://ÄBCDEFGH-IJKLMNOPQRSTUVWXYZ.Example.ORG/Ẍ "AB")
                    - A paper called “Attention Is All You Need”
                    """, path: "accents.md")
            ])

    /// Each candidate's text, made from the model without the index.
    static func texts(_ library: Library) -> (texts: [String], ranks: [UInt8]) {
        var texts: [String] = []
        var ranks: [UInt8] = []
        for issue in library.issues {
            texts.append(issue.title + (issue.source.map { " " + $0 } ?? ""))
            ranks.append(2)
            for section in issue.sections {
                texts.append(section.title)
                ranks.append(1)
                for link in section.links {
                    texts.append(SearchIndex.searchText(of: link))
                    ranks.append(0)
                }
            }
        }
        return (texts, ranks)
    }

    @Test func everyCandidatesTextIsTheModelsText() {
        let index = SearchIndex(Self.library)
        let (texts, _) = Self.texts(Self.library)
        #expect(index.count == texts.count)
        #expect((0..<index.count).map(index.text(of:)) == texts)
    }

    @Test(arguments: [
        "a", "dif", "gan", "podracer", "godel", "GÖDEL", "wide", "ünï", "aero", "chapter ete",
        "arxiv 1706", "strange loops", "'attention ^Ǘ", "example.org/ĝ", "e", "zqxj", "!e",
        "loop | gan", "",
    ])
    func aScanInPlaceRanksAsAScanOfCopies(query: String) {
        let index = SearchIndex(Self.library)
        let (texts, ranks) = Self.texts(Self.library)
        let copies = CandidateSet(texts, ranks: ranks)
        let fuzzy = FuzzyQuery(query)
        let expected = copies.search(fuzzy).map { [$0.index, $0.score] }
        #expect(index.search(query).map { [$0.candidate, $0.score] } == expected)
        // And scanning part of the candidates, as a query typed on from an earlier one.
        let earlier = CandidateBits(
            capacity: index.count, (0..<index.count).filter { $0 % 3 != 1 })
        let part = Set(earlier.indices)
        #expect(
            index.run(query, within: earlier).hits.map { [$0.candidate, $0.score] }
                == expected.filter { part.contains($0[0]) })
    }
}

/// A scan keeps each part's best hits and a bit per match, not every hit.
@Suite("search outcomes")
struct SearchOutcomeTests {
    @Test(arguments: ["a", "e", "dif", "gan", ""])
    func aLimitKeepsTheBestHitsAndCountsEveryMatch(query: String) {
        let index = SearchIndex(SearchInPlaceTests.library)
        let all = index.run(query)
        for limit in [0, 1, 5, 37] {
            let limited = index.run(query, limit: limit)
            #expect(limited.hits == Array(all.hits.prefix(limit)))
            #expect(limited.matched == all.matched)
            #expect(limited.matches == all.matches)
        }
        #expect(all.matches.count == all.matched)
        #expect(Set(all.matches.indices) == Set(all.hits.map(\.candidate)))
    }

    @Test func candidateBitsFindTheNextMember() {
        var bits = CandidateBits(capacity: 200)
        for index in [0, 1, 63, 64, 130, 199] { bits.insert(index) }
        #expect(bits.indices == [0, 1, 63, 64, 130, 199])
        #expect(bits.count == 6)
        #expect(bits.next(from: 2, below: 200) == 63)
        #expect(bits.next(from: 65, below: 200) == 130)
        #expect(bits.next(from: 65, below: 100) == 100)
        #expect(bits.next(from: 131, below: 200) == 199)
        #expect(bits.contains(130) && !bits.contains(131) && !bits.contains(500))
        #expect(CandidateBits(capacity: 0).indices.isEmpty)
    }
}

@Suite("search refinement")
struct SearchRefinementTests {
    /// Searching only the earlier query's matches gives what a full search gives.
    @Test(arguments: [
        ("d", "di"), ("di", "dif"), ("gan", "gans"), ("dif", "dif mod"), ("a", "ab c"),
    ])
    func refiningAnExtendedQueryFindsTheSameHits(old: String, new: String) {
        let index = SearchIndexTests.index
        #expect(SearchIndex.refines(new, old))
        let earlier = index.run(old).matches
        #expect(index.run(new, within: earlier).hits == index.run(new).hits)
    }

    @Test func queriesThatCouldLoosenAreNotRefined() {
        #expect(!SearchIndex.refines("dif | gan", "dif"))
        #expect(!SearchIndex.refines("dif !gan", "dif"))
        #expect(!SearchIndex.refines("dif in:link", "dif"))
        #expect(!SearchIndex.refines("gan", "dif"))
    }
}
