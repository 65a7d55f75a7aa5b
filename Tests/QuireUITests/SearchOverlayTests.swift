import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("the / search overlay")
struct SearchOverlayTests {
    @Test func typingShowsRankedHitsWithACount() throws {
        let (terminal, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion")
        let search = try #require(state.search)
        #expect(search.query == "diffusion")
        #expect(search.answered == "diffusion")
        let lines = terminal.screen.lines()
        #expect(lines[0].hasPrefix(" /diffusion"))
        #expect(lines[0].contains("/\(search.total)"))
        #expect(lines[1].contains("“Diffusion Models Beat GANs on Image Synthesis”"))
        #expect(lines[1].contains("May 2021 Gwern.net Newsletter › 2.1 AI"))
    }

    @Test func enterLandsEveryPaneOnTheHit() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion<Enter>")
        #expect(state.search == nil)
        #expect(state.focus == .links)
        #expect(state.currentSection?.title == "2.1 AI")
        #expect(state.currentLink?.text == "“Diffusion Models Beat GANs on Image Synthesis”")
        let (terminal, _) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion<Enter>")
        #expect(
            terminal.screen.lines().contains {
                $0.contains("https://arxiv.org/abs/2105.05233#openai")
            })
    }

    @Test func gordicFindsTheShowNotes() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/gordic<Enter>")
        #expect(state.currentIssue?.kind == .showNotes)
        #expect(state.focus == .issues)
    }

    @Test func downMovesAmongHitsAndBackspaceRefines() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusionx<BS><Down><Down>")
        let search = try #require(state.search)
        #expect(search.query == "diffusion")
        #expect(search.selected == 2)
        #expect(!search.hits.isEmpty)
    }

    @Test func escapeGoesBackToWhereYouWere() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "ljj/gordic<Enter>/podracer<Esc>")
        #expect(state.search == nil)
        #expect(state.currentIssue?.kind == .showNotes)
        let (_, back) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "ljj/podracer<Esc>")
        #expect(back.focus == .sections)
        #expect(back.currentSection?.title == "2 Links")
    }

    @Test func staleResultsAreDropped() {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 30))
        _ = update(&state, .beginSearch)
        _ = update(&state, .searchInsert("a"))
        _ = update(&state, .searchInsert("b"))
        let stale = SearchIndex.Hit(entry: SearchIndex(Fixtures.seeds).entries[0], score: 1)
        _ = update(&state, .searchResults(generation: 1, hits: [stale], matched: 1, total: 10))
        #expect(state.search?.hits.isEmpty == true)
        #expect(state.search?.answered == nil)
    }

    @Test func theOverlayScreen() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 100, rows: 16), keys: "/gan")
        if let failure = ScreenSnapshot.verify(
            ScreenSnapshot.text(terminal.screen), named: "search-overlay.txt",
            in: RootViewSnapshotTests.folder)
        {
            Issue.record(Comment(rawValue: failure))
        }
    }
}
