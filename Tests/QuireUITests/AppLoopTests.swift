import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("app loop on a scripted terminal")
struct AppLoopTests {
    @Test func keysAloneReachTwoPointOneAIAndItsLinks() throws {
        let (terminal, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 40), keys: "ljjjl")
        #expect(state.currentSection?.title == "2.1 AI")
        #expect(state.focus == .links)
        let lines = terminal.screen.lines()
        #expect(lines[0].contains("Links") && lines[0].contains("1/45"))
        #expect(
            lines.contains {
                $0.contains("“Podracer architectures for") && $0.contains("arxiv.org")
            })
        #expect(lines.last?.contains("May 2021 Gwern.net Newsletter › 2.1 AI") == true)
    }

    @Test func showNotesChaptersShowTheirStarts() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 120, rows: 40), keys: "jl")
        let text = terminal.screen.lines().joined(separator: "\n")
        #expect(text.contains("0:07 This episode builds on Episode 5"))
        #expect(text.contains("1:05 We start with GANs"))
    }

    @Test func threadPostsShow() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 120, rows: 40), keys: "jjl")
        let text = terminal.screen.lines().joined(separator: "\n")
        #expect(text.contains("Hi Pomo hope all is well!"))
        #expect(text.contains("Zero-Shot Text-to-Image"))
        #expect(text.contains("Hi @mrfabulous1"))
    }

    @Test func aCursorMoveRewritesOnlyTheCellsThatChanged() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 120, rows: 40), keys: "lj")
        #expect(terminal.cellsWritten.first == 120 * 40)
        // Moving within the sections pane redraws two rows there, the links pane, the
        // reader and the status line, never the whole screen.
        let last = try #require(terminal.cellsWritten.last)
        #expect(last > 0 && last < 120 * 40 / 2)
    }

    @Test func resizingToTinyAndBackAHundredTimesEndsOnACorrectScreen() throws {
        var events: [InputEvent] = []
        for _ in 0..<100 {
            events += [
                .resize(Size(columns: 20, rows: 6)), .resize(Size(columns: 1, rows: 1)),
                .resize(Size(columns: 120, rows: 40)),
            ]
        }
        let (terminal, state) = try Fixtures.drive(
            size: Size(columns: 120, rows: 40), keys: "ljjj", events: events)
        let fresh = try Fixtures.drive(size: Size(columns: 120, rows: 40), keys: "ljjj")
        #expect(state.size == Size(columns: 120, rows: 40))
        #expect(terminal.screen == fresh.terminal.screen)
    }

    @Test func everySizeFromOneByOneRendersWithoutCrashing() throws {
        for columns in [1, 2, 5, 19, 20, 21, 40, 99, 100, 101] {
            for rows in [1, 2, 5, 6, 7, 13, 16, 30] {
                for keys in ["", "ljjjl", "l<Enter>", "?", "jl"] {
                    let (terminal, _) = try Fixtures.drive(
                        size: Size(columns: columns, rows: rows), keys: keys)
                    #expect(terminal.screen.size == Size(columns: columns, rows: rows))
                }
            }
        }
    }

    @Test func quitEndsTheLoopAtTheTopLevel() throws {
        let (terminal, state) = try Fixtures.drive(size: Size(columns: 80, rows: 24), keys: "llqqq")
        #expect(state.focus == .issues)
        #expect(terminal.cellsWritten.count == 5)
    }

    @Test func unboundKeysSayHowToFindTheKeys() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 80, rows: 24), keys: "Z")
        #expect(terminal.screen.lines().last?.contains("Z is not bound; ? lists the keys") == true)
    }
}

@Suite("marks in the reader")
struct MarksDisplayTests {
    @Test func readAndStarredLinksAreMarkedInTheLinksPane() throws {
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        let podracer = Link.identity(text: "", url: "https://arxiv.org/abs/2104.06272")
        let tpu = Link.identity(
            text: "",
            url: "https://venturebeat.com/2021/05/18/google-details-new-ai-accelerator-chips/")
        state.marks = ReadState(items: [
            podracer: ItemState(
                read: true, starred: true, changed: StateClock.seconds(iso: "2026-11-24T00:00:00Z")!
            ),
            tpu: ItemState(
                read: true, starred: false,
                changed: StateClock.seconds(iso: "2026-11-24T00:00:00Z")!),
        ])
        for action in [Action.focusNext, .moveDown, .moveDown, .moveDown, .focusNext] {
            _ = update(&state, action)
        }
        let lines = render(state).lines()
        #expect(lines.contains { $0.contains("★✓ “Podracer") })
        #expect(lines.contains { $0.contains("✓ “Google details") && !$0.contains("★✓ “Google") })
        #expect(lines.contains { $0.contains("│ “ZeRO-Infinity") })
    }
}
