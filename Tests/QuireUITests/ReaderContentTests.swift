import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("reader content")
struct ReaderContentTests {
    @Test func linksAreNumberedAndHighlightedInPlace() throws {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        for action in [Action.focusNext, .moveDown] { _ = update(&state, action) }
        let lines = ReaderContent.lines(for: state, width: 118)
        let first = try #require(lines.first)
        #expect(
            first.map(\.text).joined().hasPrefix(
                "• Proposal : “Choose Your Own Adventure AI Dungeon”[1];"))
        // The link's text carries its URL: the backend makes it an OSC 8 hyperlink.
        let link = try #require(first.first { $0.style == .link })
        #expect(link.text == "“Choose Your Own Adventure AI Dungeon”")
        #expect(link.url?.hasPrefix("https://") == true)
        #expect(first.contains(Span("[1]", .linkNumber)))
    }

    @Test func wrappingBreaksAtSpacesByDisplayWidth() {
        let lines = ReaderContent.wrap([Span("来源 abc defgh ij")], width: 6)
        #expect(lines.map { $0.map(\.text).joined() } == ["来源", "abc", "defgh", "ij"])
        let long = ReaderContent.wrap([Span("abcdefghij")], width: 4)
        #expect(long.map { $0.map(\.text).joined() } == ["abcd", "efgh", "ij"])
    }

    @Test func aSelectedLinkShowsItsURLTooltipAndSentence() throws {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        // 2.5 Psychology/Biology, the P-FIT link.
        for action in [
            Action.focusNext, .moveDown, .moveDown, .moveDown, .moveDown, .moveDown, .moveDown,
            .moveDown, .focusNext,
        ] {
            _ = update(&state, action)
        }
        #expect(state.currentSection?.title == "2.5 Psychology/Biology")
        while state.currentLink?.text != "P-FIT", state.links.selected < 40 {
            _ = update(&state, .moveDown)
        }
        let text = ReaderContent.lines(for: state, width: 200).map { $0.map(\.text).joined() }
        #expect(text.contains("P-FIT"))
        #expect(text.contains("https://www.gwern.net/docs/iq/2007-jung.pdf"))
        #expect(
            text.contains {
                $0.hasPrefix(
                    "Tooltip: 'The Parieto-Frontal Integration Theory (P-FIT) of intelligence")
            })
        let context = try #require(text.firstIndex { $0.hasPrefix("In context: ") })
        #expect(
            text[context...].joined(separator: " ").contains("per P-FIT, it is global efficiency"))
    }
}

@Suite("reader: the same item elsewhere")
struct AlsoInTests {
    @Test func aLinkInTwoIssuesSaysWhereElseItIs() throws {
        let other = Ingestor.parse(
            text:
                "# Other letter\n\n## Papers\n\n- [Podracer again](https://arxiv.org/abs/2104.06272) [x](https://x.example/) [y](https://y.example/)\n",
            path: "other.md")
        let library = Library(issues: Fixtures.seeds.issues + [other])
        var state = AppState(library: library, size: Size(columns: 120, rows: 40))
        for action in [
            Action.linkPlacesBuilt(LinkPlaces(library)), .focusNext, .moveDown, .moveDown,
            .moveDown, .focusNext, .moveDown,
        ] {
            _ = update(&state, action)
        }
        let text = ReaderContent.lines(for: state, width: 118).map { $0.map(\.text).joined() }
        #expect(text.contains("Also in: Other letter › Papers"))
    }
}
