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

    /// Polls `saver` until a report matches.
    func waitForReport(_ saver: StateSaver, _ matches: (Action) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if saver.collect().contains(where: matches) { return true }
            usleep(5_000)
        }
        return false
    }

    @Test func theFileIsReadAfterStartAndMarksMadeMeanwhileAreKept() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = StateStore(path: dir + "/state.json")
        let old = ItemID(namespace: "t", key: "old")
        let new = ItemID(namespace: "t", key: "new")
        try store.commit([old: ItemState(starred: true, changed: 100)])
        let saver = StateSaver(store: store, loadsFirst: true)
        // A key pressed before the file is read.
        saver.perform(.save([new: ItemState(read: true, changed: 200)]))
        #expect(
            waitForReport(saver) {
                if case .marksLoaded(let loaded) = $0 { loaded.isStarred(old) } else { false }
            })
        saver.flush()
        let onDisk = try store.load()
        #expect(onDisk.isStarred(old) && onDisk.isRead(new))
    }

    @Test func aMarkMadeBeforeTheFileIsReadKeepsTheItemsOtherMark() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = StateStore(path: dir + "/state.json")
        let item = ItemID(namespace: "t", key: "read on disk")
        let fresh = ItemID(namespace: "t", key: "never marked")
        try store.commit([item: ItemState(read: true, changed: 100)])
        try store.compact()
        // `s` pressed before the reader knew the item was read: only the star is sent.
        let saver = StateSaver(store: StateStore(path: dir + "/state.json"))
        saver.perform(
            .saveChanges([
                item: MarkChange(starred: true, changed: 200),
                fresh: MarkChange(read: true, changed: 200),
            ]))
        saver.flush()
        let onDisk = try store.load()
        #expect(onDisk.items[item] == ItemState(read: true, starred: true, changed: 200))
        #expect(onDisk.items[fresh] == ItemState(read: true, changed: 200))
    }

    @Test func aFileThatCannotBeReadIsReportedAndNeverWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.json"
        try "{ \"version\": 1, \"items\": { broken".write(
            toFile: path, atomically: true, encoding: .utf8)
        let saver = StateSaver(store: StateStore(path: path), loadsFirst: true)
        saver.perform(.save([ItemID(namespace: "t", key: "1"): ItemState(read: true, changed: 1)]))
        #expect(
            waitForReport(saver) {
                if case .marksUnavailable(let reason) = $0 {
                    reason.contains("state.json:1:")
                } else {
                    false
                }
            })
        saver.flush()
        #expect(saver.isUnusable && saver.hasPending)
        #expect(
            try String(contentsOfFile: path, encoding: .utf8)
                == "{ \"version\": 1, \"items\": { broken")
    }
}
