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

    @Test func erasingTheQueryClearsTheHitsAndTheCount() throws {
        let (terminal, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/x<BS>")
        #expect(state.search?.hits.isEmpty == true)
        #expect(state.search?.matched == 0)
        #expect(terminal.screen.lines()[0].trimmingCharacters(in: .whitespaces) == "/▏")
    }

    @Test func ctrlWDeletesAWordAndCtrlUTheQuery() throws {
        let size = Size(columns: 120, rows: 30)
        let (_, word) = try Fixtures.drive(size: size, keys: "/diffusion model <C-w>")
        #expect(word.search?.query == "diffusion ")
        #expect(word.search?.answered == "diffusion ")
        let (_, cleared) = try Fixtures.drive(size: size, keys: "/diffusion<C-u>")
        #expect(cleared.search?.query == "")
        #expect(cleared.search?.hits.isEmpty == true)
    }

    @Test func homeAndEndGoToTheFirstAndLastHit() throws {
        let size = Size(columns: 120, rows: 30)
        let (_, end) = try Fixtures.drive(size: size, keys: "/diffusion<End>")
        let search = try #require(end.search)
        #expect(search.selected == search.hits.count - 1)
        let (_, home) = try Fixtures.drive(size: size, keys: "/diffusion<End><Home>")
        #expect(home.search?.selected == 0)
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
        let stale = SearchIndex.Hit(entry: SearchIndex(Fixtures.seeds).entry(0), score: 1)
        _ = update(&state, .searchResults(generation: 1, hits: [stale], matched: 1, total: 10))
        #expect(state.search?.hits.isEmpty == true)
        #expect(state.search?.answered == nil)
    }

    @Test func matchedCharactersAreHighlighted() throws {
        let (terminal, _) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/podracer")
        let screen = terminal.screen
        let line = screen.lines()[1]
        let start = try #require(line.range(of: "Podracer"))
        let column = DisplayWidth.of(line[..<start.lowerBound])
        let styles = (column..<(column + 8)).map { screen[$0, 1].style }
        #expect(styles.allSatisfy { $0 == .matchSelected })
        #expect(screen[column + 8, 1].style == .selected)
    }

    /// A link found by its URL or tooltip shows them, so the highlight says why.
    @Test func aLinkFoundByItsTooltipShowsIt() throws {
        let (terminal, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion")
        let search = try #require(state.search)
        let ddpm = try #require(
            search.hits.firstIndex { hit in
                guard let l = hit.entry.link, let s = hit.entry.section else { return false }
                return state.library.issues[hit.entry.issue].sections[s].links[l].text == "DDPM"
            })
        let line = terminal.screen.lines()[1 + ddpm]
        #expect(line.contains("DDPM · 'Denoising Diffusion Probabilistic Models'"))
        let column = DisplayWidth.of(line[..<line.range(of: "Diffusion")!.lowerBound])
        #expect(terminal.screen[column, 1 + ddpm].style == .match)
    }

    /// Marks made in the reader show on the hits: the Podracer link starred and read, its
    /// section read through it only in part.
    @Test func hitsShowTheirMarks() throws {
        let (terminal, _) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "ljjjljsr/podracer")
        let first = terminal.screen.lines()[1]
        #expect(first.contains("★✓ “Podracer architectures for scalable Reinforcement Learning”"))
        let (unmarked, _) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/podracer")
        #expect(unmarked.screen.lines()[1].contains("link    “Podracer architectures"))
    }

    @Test func nAndShiftNStepThroughTheHitsAfterASearch() throws {
        let size = Size(columns: 120, rows: 30)
        let (_, landed) = try Fixtures.drive(size: size, keys: "/diffusion<Enter>")
        let last = try #require(landed.lastSearch)
        #expect(last.position == 0)
        #expect(landed.message?.hasPrefix("hit 1/") == true)
        let (_, next) = try Fixtures.drive(size: size, keys: "/diffusion<Enter>n")
        #expect(next.lastSearch?.position == 1)
        let second = last.hits[1].entry
        #expect(next.currentIssueIndex == second.issue)
        #expect(next.currentSectionIndex == second.section)
        #expect(next.message?.hasPrefix("hit 2/") == true)
        let (_, back) = try Fixtures.drive(size: size, keys: "/diffusion<Enter>nN")
        #expect(back.lastSearch?.position == 0)
        #expect(back.currentLink?.text == landed.currentLink?.text)
        let (_, wrapped) = try Fixtures.drive(size: size, keys: "/diffusion<Enter>N")
        #expect(wrapped.lastSearch?.position == last.hits.count - 1)
    }

    @Test func anEmptySearchClearsItSoNGoesToUnreadItemsAgain() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion<Enter>/<Enter>")
        #expect(state.lastSearch == nil)
        #expect(state.message?.contains("unread") == true)
    }

    @Test func escapeKeepsTheEarlierSearchForN() throws {
        let (_, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 30), keys: "/diffusion<Enter>/gan<Esc>n")
        #expect(state.lastSearch?.query == "diffusion")
        #expect(state.lastSearch?.position == 1)
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
