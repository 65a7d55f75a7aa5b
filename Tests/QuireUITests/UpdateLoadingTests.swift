import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("update: a library read while the reader runs")
struct UpdateLoadingTests {
    /// Ten small newsletters, `Issue 0` … `Issue 9`, each with two sections of links.
    static let issues: [QuireCore.Issue] = Fixtures.library(
        (0..<10).map { number in
            (
                "issue-\(number).md",
                "# Issue \(number)\n\n## First\n\n- [a \(number)](https://a.example/\(number))\n"
                    + "- [b \(number)](https://b.example/\(number))\n\n## Second\n\n"
                    + "- [c \(number)](https://c.example/\(number))\n"
            )
        }
    ).issues

    func loadingState() -> AppState {
        AppState(library: Library(), size: Size(columns: 100, rows: 12), loading: Loading())
    }

    func grew(_ range: Range<Int>, read: Int, of files: Int = 10) -> Action {
        .libraryGrew(LoadProgress(issues: Array(Self.issues[range]), filesRead: read, files: files))
    }

    func screen(_ state: AppState) -> String { ScreenSnapshot.text(render(state)) }

    @Test func theFirstFrameSaysTheLibraryIsBeingReadAndNothingIsMissing() {
        var state = loadingState()
        #expect(state.message == nil)
        #expect(screen(state).contains("loading…"))
        _ = update(&state, .libraryGrew(LoadProgress(issues: [], filesRead: 0, files: 10)))
        #expect(screen(state).contains("loading 0/10 ░░░░░░░░░░"))
        let effects = update(&state, grew(0..<3, read: 3))
        #expect(effects == [.libraryChanged(complete: false)])
        #expect(state.currentIssue?.title == "Issue 0")
        #expect(state.currentSection?.title == "First")
        #expect(screen(state).contains("loading 3/10 ███░░░░░░░"))
        #expect(screen(state).contains("1/3"))
    }

    @Test func keysWorkWhileReadingAndTheCursorStaysOnItsItemAsIssuesArrive() {
        var state = loadingState()
        _ = update(&state, grew(0..<3, read: 3))
        for action: Action in [.moveDown, .moveDown, .focusNext, .moveDown, .focusNext] {
            _ = update(&state, action)
        }
        let before = (state.currentIssue?.id, state.currentSection?.id, state.currentLink?.id)
        #expect(state.currentIssue?.title == "Issue 2")
        #expect(state.currentLink?.text == "c 2")
        let offset = state.issues.offset
        _ = update(&state, grew(3..<7, read: 7))
        #expect(state.focus == .links)
        #expect((state.currentIssue?.id, state.currentSection?.id, state.currentLink?.id) == before)
        #expect(state.issues.offset == offset)
        #expect(state.issueRows.count == 7)
        // The whole library, with an issue (an email conversation) placed before the
        // cursor's: every list stays on its item.
        var whole = Library(issues: Self.issues)
        whole.issues.insert(Self.issues[9], at: 0)
        whole.issues.remove(at: 10)
        whole.failures = [IngestFailure(path: "odd/empty.txt", reason: "empty file")]
        _ = update(&state, .libraryLoaded(whole))
        #expect(state.loading == nil)
        #expect((state.currentIssue?.id, state.currentSection?.id, state.currentLink?.id) == before)
        #expect(state.issues.selected == 3)
        #expect(state.message == "could not load odd/empty.txt: empty file")
        #expect(!screen(state).contains("loading"))
    }

    @Test func aSearchCoversWhatIsReadAndSaysSo() {
        var state = loadingState()
        _ = update(&state, grew(0..<2, read: 2))
        _ = update(&state, .beginSearch)
        var effects: [Effect] = []
        for character in "issue" { effects = update(&state, .searchInsert(character)) }
        #expect(effects.contains { if case .search = $0 { true } else { false } })
        #expect(screen(state).contains("in 2 issues read, loading 2/10"))
        let generation = state.search?.generation ?? 0
        // More arrives while the user reads the hits from the top: searched again.
        effects = update(&state, grew(2..<5, read: 5))
        #expect(effects.first == .libraryChanged(complete: false))
        #expect(effects.contains(.search(query: "issue", generation: generation + 1)))
        // The whole library: searched again, and the overlay no longer says "read".
        effects = update(&state, .libraryLoaded(Library(issues: Self.issues)))
        #expect(effects.first == .libraryChanged(complete: true))
        #expect(effects.contains(.search(query: "issue", generation: generation + 2)))
        #expect(!screen(state).contains("issues read"))
    }

    @Test func theLoopHandsTheGrowingLibraryToTheSearchEngine() throws {
        final class Feed: LibrarySource {
            func reload() {}
            var pending: [[Action]]
            init(_ pending: [[Action]]) { self.pending = pending }
            func collect() -> [Action] { pending.isEmpty ? [] : pending.removeFirst() }
        }
        final class Engine: SearchEngine {
            var libraries: [(Int, Bool)] = []
            func search(_ query: String, generation: Int, marks: ReadState) {}
            func collect() -> [Action] { [] }
            func libraryChanged(_ library: Library, complete: Bool) {
                libraries.append((library.issues.count, complete))
            }
        }
        let feed = Feed([
            [grew(0..<4, read: 4)], [grew(4..<10, read: 10)],
            [.libraryLoaded(Library(issues: Self.issues))],
        ])
        let engine = Engine()
        let terminal = ScriptedTerminal(
            size: Size(columns: 100, rows: 12),
            events: [.key(.char("j")), .key(.char("j")), .key(.char("j"))])
        let final = AppLoop().run(loadingState(), on: terminal, search: engine, loader: feed)
        #expect(engine.libraries.map(\.0) == [4, 10, 10])
        #expect(engine.libraries.map(\.1) == [false, false, true])
        #expect(final.loading == nil)
        #expect(final.library.issues.count == 10)
    }
}
