import Foundation
import QuireTerminal
import Synchronization
import Testing

@Suite("following the library's folders", .serialized)
struct FolderWatcherTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "quire-watch-" + UUID().uuidString
        init() throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String = "# A\n") throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .sequentiallyConsistent) }
        var count: Int { value.load(ordering: .sequentiallyConsistent) }

        /// Polls until the count passes `than`; false after ten seconds.
        func waitForMore(than: Int) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if count > than { return true }
                usleep(10_000)
            }
            return false
        }
    }

    @Test func newChangedMovedAndRemovedFilesAreReported() throws {
        let folder = try Folder()
        try folder.write("one.md")
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder.path], quiet: 0.05) { counter.add() }
        #expect(watcher != nil)
        try folder.write("two.md")
        #expect(counter.waitForMore(than: 0), "a new file")
        var seen = counter.count
        try folder.write("one.md", "# A changed\n")
        #expect(counter.waitForMore(than: seen), "a file written")
        seen = counter.count
        try FileManager.default.moveItem(
            atPath: folder.path + "/two.md", toPath: folder.path + "/three.md")
        #expect(counter.waitForMore(than: seen), "a file renamed")
        seen = counter.count
        try FileManager.default.removeItem(atPath: folder.path + "/three.md")
        #expect(counter.waitForMore(than: seen), "a file removed")
        // A folder made after the start is followed too.
        seen = counter.count
        try FileManager.default.createDirectory(
            atPath: folder.path + "/2026", withIntermediateDirectories: true)
        #expect(counter.waitForMore(than: seen), "a new folder")
        seen = counter.count
        try folder.write("2026/four.md")
        #expect(counter.waitForMore(than: seen), "a file in the new folder")
        withExtendedLifetime(watcher) {}
    }

    @Test func aBurstOfChangesIsOneReport() throws {
        let folder = try Folder()
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder.path], quiet: 0.3) { counter.add() }
        for number in 0..<50 { try folder.write("file-\(number).md") }
        #expect(counter.waitForMore(than: 0))
        // Fifty files written in well under the quiet time: one report, or two if the
        // machine paused in the middle.
        #expect(counter.count <= 2)
        withExtendedLifetime(watcher) {}
    }

    @Test func aFileGivenByNameIsFollowedAndItsNeighboursAreNot() throws {
        let folder = try Folder()
        try folder.write("mine.md")
        try folder.write("other.md")
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder.path + "/mine.md"], quiet: 0.05) {
            counter.add()
        }
        // Hidden files, backups and the neighbour: no report. (An absence can only be
        // seen by waiting; a report, had there been one, comes within the quiet time.
        // A slow machine can only make this pass wrongly, never fail wrongly.)
        try folder.write(".mine.md.swp")
        try folder.write("mine.md~")
        try folder.write("other.md", "# B\n")
        usleep(400_000)
        #expect(counter.count == 0)
        try folder.write("mine.md", "# A again\n")
        #expect(counter.waitForMore(than: 0))
        withExtendedLifetime(watcher) {}
    }
}
