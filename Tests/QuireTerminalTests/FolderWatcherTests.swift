import Foundation
import QuireTerminal
import QuireTestSupport
import Synchronization
import Testing

@Suite("following the library's folders", .serialized)
struct FolderWatcherTests {
    /// Writes `text` to `name` in `folder`.
    func write(_ folder: String, _ name: String, _ text: String = "# A\n") throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    /// Writes `text` to `name` in `folder` by renaming a finished file into place, so that
    /// nothing about `name` can be reported after this returns.
    ///
    /// A file written in place reports its close when the last descriptor to it closes,
    /// and a process that another test spawns at that moment holds a copy of every
    /// descriptor until it runs its program: a close that ends up being reported after a
    /// watcher made later has started. A rename is reported when it is made.
    func writeBeforeWatching(_ folder: String, _ name: String, _ text: String = "# A\n") throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name), options: .atomic)
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
        try TemporaryFolder.with("quire-watch") { folder in try newChangedMovedAndRemoved(folder) }
    }

    func newChangedMovedAndRemoved(_ folder: String) throws {
        try write(folder, "one.md")
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder], quiet: 0.05) { counter.add() }
        #expect(watcher != nil)
        try write(folder, "two.md")
        #expect(counter.waitForMore(than: 0), "a new file")
        var seen = counter.count
        try write(folder, "one.md", "# A changed\n")
        #expect(counter.waitForMore(than: seen), "a file written")
        seen = counter.count
        try FileManager.default.moveItem(
            atPath: folder + "/two.md", toPath: folder + "/three.md")
        #expect(counter.waitForMore(than: seen), "a file renamed")
        seen = counter.count
        try FileManager.default.removeItem(atPath: folder + "/three.md")
        #expect(counter.waitForMore(than: seen), "a file removed")
        // A folder made after the start is followed too.
        seen = counter.count
        try FileManager.default.createDirectory(
            atPath: folder + "/2026", withIntermediateDirectories: true)
        #expect(counter.waitForMore(than: seen), "a new folder")
        seen = counter.count
        try write(folder, "2026/four.md")
        #expect(counter.waitForMore(than: seen), "a file in the new folder")
        withExtendedLifetime(watcher) {}
    }

    @Test func aBurstOfChangesIsOneReport() throws {
        try TemporaryFolder.with("quire-watch") { folder in try burst(folder) }
    }

    func burst(_ folder: String) throws {
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder], quiet: 0.3) { counter.add() }
        for number in 0..<50 { try write(folder, "file-\(number).md") }
        #expect(counter.waitForMore(than: 0))
        // Fifty files written in well under the quiet time: one report, or two if the
        // machine paused in the middle.
        #expect(counter.count <= 2)
        withExtendedLifetime(watcher) {}
    }

    @Test func aFileGivenByNameIsFollowedAndItsNeighboursAreNot() throws {
        try TemporaryFolder.with("quire-watch") { folder in try fileByName(folder) }
    }

    func fileByName(_ folder: String) throws {
        try writeBeforeWatching(folder, "mine.md")
        try writeBeforeWatching(folder, "other.md")
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder + "/mine.md"], quiet: 0.05) {
            counter.add()
        }
        // Hidden files, backups and the neighbour: no report. (An absence can only be
        // seen by waiting; a report, had there been one, comes within the quiet time.
        // A slow machine can only make this pass wrongly, never fail wrongly.)
        try write(folder, ".mine.md.swp")
        try write(folder, "mine.md~")
        try write(folder, "other.md", "# B\n")
        usleep(400_000)
        #expect(counter.count == 0)
        try write(folder, "mine.md", "# A again\n")
        #expect(counter.waitForMore(than: 0))
        withExtendedLifetime(watcher) {}
    }
}
