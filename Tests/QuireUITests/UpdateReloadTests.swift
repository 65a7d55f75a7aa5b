import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("update: the library read again")
struct UpdateReloadTests {
    static func issue(_ number: Int, extra: String = "") -> (String, String) {
        (
            "issue-\(number).md",
            "# Issue \(number)\n\n## First\n\n- [a \(number)](https://a.example/\(number))\n"
                + "- [b \(number)](https://b.example/\(number))\n\(extra)\n## Second\n\n"
                + "- [c \(number)](https://c.example/\(number))\n"
        )
    }

    static let before = Fixtures.library([issue(1), issue(3), issue(5)])

    func loaded() -> AppState {
        AppState(library: Self.before, size: Size(columns: 100, rows: 30))
    }

    func reloaded(_ state: inout AppState, _ library: Library, manual: Bool = false) -> [Effect] {
        update(
            &state,
            .libraryReloaded(
                library, LibraryChange(from: state.library, to: library), manual: manual))
    }

    @Test func aNewIssueAppearsAndTheCursorStaysOnItsLink() {
        var state = loaded()
        for action: Action in [.moveDown, .focusNext, .focusNext, .moveDown] {
            _ = update(&state, action)
        }
        #expect(state.currentLink?.text == "b 3")
        let kept = state.currentLink?.id
        // Issue 2 sorts before issue 3 (the files' order): the cursor's issue moves down.
        let after = Fixtures.library([Self.issue(1), Self.issue(2), Self.issue(3), Self.issue(5)])
        let effects = reloaded(&state, after)
        #expect(effects == [.libraryChanged(complete: true)])
        #expect(state.message == "1 new issue")
        #expect(state.focus == .links)
        #expect(state.currentIssue?.title == "Issue 3")
        #expect(state.currentLink?.id == kept)
        #expect(state.issues.selected == 2)
        #expect(state.library.issues.count == 4)
    }

    @Test func changedAndRemovedIssuesAreCounted() {
        var state = loaded()
        let after = Fixtures.library([
            Self.issue(1, extra: "- [d 1](https://d.example/1)\n"), Self.issue(5),
            Self.issue(7), Self.issue(8),
        ])
        _ = reloaded(&state, after)
        #expect(state.message == "2 new issues, 1 changed, 1 removed")
        #expect(
            LibraryChange(from: Self.before, to: after)
                == LibraryChange(new: 2, changed: 1, removed: 1))
    }

    @Test func nothingChangedIsSaidOnlyWhenAsked() {
        var state = loaded()
        #expect(update(&state, .reload) == [.reloadLibrary])
        #expect(state.message == "reading the library again…")
        #expect(reloaded(&state, Self.before, manual: true).isEmpty)
        #expect(state.message == "the library is unchanged")
        var quiet = loaded()
        #expect(reloaded(&quiet, Self.before).isEmpty)
        #expect(quiet.message == nil)
    }

    @Test func aReloadWaitsForTheFirstReading() {
        var state = AppState(
            library: Library(), size: Size(columns: 100, rows: 30), loading: Loading())
        #expect(update(&state, .reload).isEmpty)
        #expect(state.message == "still reading the library")
    }

    @Test func ctrlRIsBoundAndTheLoopAsksTheLoader() {
        #expect(Keymap.standard.action(for: .ctrl("r"), in: [.lists, .global]) == .reload)
        final class Source: LibrarySource {
            var reloads = 0
            func reload() { reloads += 1 }
            func collect() -> [Action] { [] }
        }
        let source = Source()
        let terminal = ScriptedTerminal(
            size: Size(columns: 100, rows: 30), events: [.key(.ctrl("r")), .key(.ctrl("r"))])
        _ = AppLoop().run(loaded(), on: terminal, loader: source)
        #expect(source.reloads == 2)
    }
}
