import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("a held key")
struct HeldKeyTests {
    /// Plays `timeline` on the seeds at 120×40; returns the terminal and the final state.
    ///
    /// Each event comes `interval` ms after the one before, and a pause (nil) 200 ms after.
    func play(_ timeline: [InputEvent?], interval: Int) -> (ScriptedTerminal, AppState) {
        let terminal = ScriptedTerminal(size: Size(columns: 120, rows: 40), timeline: timeline)
        var times: [Int] = []
        var now = 1_000
        for event in timeline {
            now += event == nil ? 200 : interval
            times.append(now)
        }
        var next = 0
        let final = AppLoop().run(
            AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40)), on: terminal,
            milliseconds: {
                defer { next += 1 }
                return times[min(next, times.count - 1)]
            })
        return (terminal, final)
    }

    /// Down the sections of the seeds' newsletter, a key every 30 ms (auto-repeat): after
    /// the first move each frame writes only the rows that moved; when the keys stop,
    /// the next frame draws the previews of where the cursor rests.
    @Test func previewsWaitForTheCursorToRest() {
        let keys: [InputEvent?] =
            [.key(.char("l"))] + Array(repeating: .key(.char("j")), count: 8)
        let (held, final) = play(keys + [nil], interval: 30)
        let (pressed, pressedFinal) = play(keys + [nil], interval: 400)
        // Frames: the first, one per key, one after the pause.
        #expect(held.cellsWritten.count == keys.count + 2)
        // The first move draws its previews; the held ones after it only the moved rows
        // (two rows of the sections list and the status line, at most).
        let heldMoves = held.cellsWritten[3...keys.count]
        #expect(heldMoves.allSatisfy { $0 <= 3 * 120 }, "\(Array(heldMoves))")
        let pressedMoves = pressed.cellsWritten[3...keys.count]
        #expect(pressedMoves.reduce(0, +) > 3 * heldMoves.reduce(0, +))
        // Once rested, the screen is exactly the one the state gives, previews included.
        #expect(!final.previewsDeferred)
        #expect(final.sections.selected == 8)
        #expect(held.cellsWritten.last ?? 0 > 3 * 120)
        #expect(held.screen.lines() == render(final).lines())
        #expect(held.screen.hyperlinks == render(final).hyperlinks)
        #expect(held.screen.lines() == pressed.screen.lines())
        #expect(pressedFinal.sections.selected == 8)
    }
}
