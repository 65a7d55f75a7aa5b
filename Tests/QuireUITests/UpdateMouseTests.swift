import QuireCore
import QuireTestSupport
import QuireUI
import Testing

/// Clicks and the wheel on the seeds at 120×40: three panes on top (titles on row 0; the
/// issues pane two rows an issue), the reader below.
@Suite("mouse")
struct UpdateMouseTests {
    func state() -> AppState {
        AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
    }

    /// A press at `x`, `y` at time `at` (milliseconds).
    func press(
        _ state: inout AppState, _ button: MouseEvent.Button = .left, x: Int, y: Int,
        at: Int = 1_000
    ) -> [Effect] {
        state.nowMilliseconds = at
        return update(&state, .mouse(MouseEvent(button, x: x, y: y)))
    }

    func rect(_ state: AppState, _ pane: Pane) -> Rect { state.layout.panes[pane]! }

    @Test func aPressSelectsAndFocusesTheItemUnderIt() {
        var s = state()
        let issues = rect(s, .issues)
        // The second issue's first row, then its second.
        _ = press(&s, x: issues.x + 3, y: issues.y + 3)
        #expect(s.focus == .issues && s.issues.selected == 1)
        _ = press(&s, x: issues.x + 3, y: issues.y + 6, at: 3_000)
        #expect(s.issues.selected == 2)
        let sections = rect(s, .sections)
        _ = press(&s, x: sections.x + 2, y: sections.y + 3, at: 5_000)
        #expect(s.focus == .sections && s.sections.selected == 2)
        // A pane's title row focuses it and selects nothing new.
        _ = press(&s, x: issues.x + 3, y: issues.y, at: 7_000)
        #expect(s.focus == .issues && s.issues.selected == 2)
        // Below the last item: focus, nothing else.
        _ = press(&s, x: issues.x + 3, y: issues.maxY - 1, at: 9_000)
        #expect(s.issues.selected == 2)
    }

    @Test func twoPressesOnOneItemOpenIt() {
        var s = state()
        let issues = rect(s, .issues)
        _ = press(&s, x: issues.x + 1, y: issues.y + 1, at: 1_000)
        _ = press(&s, x: issues.x + 1, y: issues.y + 2, at: 1_250)  // same issue, its 2nd row
        #expect(s.focus == .sections)
        let sections = rect(s, .sections)
        _ = press(&s, x: sections.x + 1, y: sections.y + 4, at: 2_000)
        _ = press(&s, x: sections.x + 1, y: sections.y + 4, at: 2_300)
        #expect(s.focus == .reader && s.sections.selected == 3)
        // Too slow, or another item: two single presses.
        var slow = state()
        _ = press(&slow, x: issues.x + 1, y: issues.y + 1, at: 1_000)
        _ = press(&slow, x: issues.x + 1, y: issues.y + 1, at: 1_500)
        #expect(slow.focus == .issues)
        var other = state()
        _ = press(&other, x: issues.x + 1, y: issues.y + 1, at: 1_000)
        _ = press(&other, x: issues.x + 1, y: issues.y + 3, at: 1_100)
        #expect(other.focus == .issues && other.issues.selected == 1)
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        var s = state()
        let sections = rect(s, .sections)
        _ = press(&s, .wheelDown, x: sections.x + 1, y: sections.y + 2)
        #expect(s.focus == .sections && s.sections.selected == 3)
        #expect(s.currentSection?.title == "2.1 AI")
        // Over the reader it scrolls the reader, wherever the focus is.
        let reader = s.layout.reader!
        _ = press(&s, .wheelDown, x: reader.x + 5, y: reader.y + 5)
        #expect(s.readerScroll == 3 && s.focus == .sections)
        _ = press(&s, .wheelUp, x: reader.x + 5, y: reader.y + 5)
        #expect(s.readerScroll == 0)
        _ = press(&s, .wheelUp, x: sections.x + 1, y: sections.y + 2)
        #expect(s.sections.selected == 0)
        // A press in the reader focuses it.
        _ = press(&s, x: reader.x + 5, y: reader.y + 5)
        #expect(s.focus == .reader)
    }

    @Test func overlaysTakeThePressFirst() {
        var s = state()
        _ = update(&s, .toggleHelp)
        _ = press(&s, x: 50, y: 20)
        #expect(!s.showsHelp && s.issues.selected == 0)
        var searching = state()
        _ = update(&searching, .beginSearch)
        _ = press(&searching, x: 5, y: 3)
        #expect(searching.search != nil && searching.issues.selected == 0)
    }

    @Test func theLoopHandsPressesToUpdate() throws {
        let issues = state().layout.panes[.issues]!
        let (terminal, final) = try Fixtures.drive(
            size: Size(columns: 120, rows: 40), keys: "",
            events: [.mouse(MouseEvent(.left, x: issues.x + 2, y: issues.y + 5))])
        #expect(final.issues.selected == 2)
        #expect(terminal.screen.lines()[0].contains("3/3"))
    }
}
