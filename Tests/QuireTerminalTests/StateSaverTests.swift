import Foundation
import QuireCore
import QuireTerminal
import QuireUI
import Testing

@Suite("state saver")
struct StateSaverTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "quire-saver-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Saved by the background queue, with no flush: polled (the ~20 ms delay is for the
    /// benchmark to measure, not for a test to time).
    @Test func aChangeReachesTheFileWithoutAFlush() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = StateStore(path: dir + "/state.json")
        let saver = StateSaver(store: store)
        let id = ItemID(namespace: "t", key: "1")
        saver.perform(.save([id: ItemState(read: true, changed: StateClock.now())]))
        let deadline = Date().addingTimeInterval(5)
        var saved = false
        while Date() < deadline, !saved {
            saved = (try? store.load().isRead(id)) == true
            if !saved { usleep(5_000) }
        }
        #expect(saved)
        // The report follows the write: poll for it too (under load it can come later).
        var reported = false
        while Date() < deadline, !reported {
            reported = saver.collect().contains {
                if case .stateSaved(let merged) = $0 { merged.isRead(id) } else { false }
            }
            if !reported { usleep(5_000) }
        }
        #expect(reported)
    }

    @Test func aFailedSaveIsReportedAndKeptForTheNextTry() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/blocker", atomically: true, encoding: .utf8)
        let saver = StateSaver(store: StateStore(path: dir + "/blocker/state.json"))
        saver.perform(
            .save([
                ItemID(namespace: "t", key: "1"): ItemState(read: true, changed: StateClock.now())
            ]))
        saver.flush()
        #expect(saver.hasPending)
        #expect(saver.collect().contains { if case .saveFailed = $0 { true } else { false } })
    }
}
