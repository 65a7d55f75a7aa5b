import Foundation
import QuireTerminal
import QuireTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("following the library's folders", .serialized)
struct FolderWatcherTests {
    /// Writes `text` to `name` in `folder` through a descriptor no other process can hold.
    ///
    /// inotify reports a write when the *last* descriptor to the file closes. A descriptor
    /// opened without close-on-exec is copied into every process that another test spawns
    /// meanwhile (tmux, quire) and stays open there for its life; even renamed into place,
    /// the file's close is then reported long after this returns, under its new name, to a
    /// watcher made later. With `O_CLOEXEC` a spawned process holds the copy only until it
    /// starts its program. (Foundation's `Data.write` opens without it.)
    func write(_ folder: String, _ name: String, _ text: String = "# A\n") throws {
        let descriptor = open(folder + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else {
            throw CocoaError(.fileWriteUnknown)
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
        try write(folder, "mine.md")
        try write(folder, "other.md")
        let counter = Counter()
        let watcher = FolderWatcher(paths: [folder + "/mine.md"], quiet: 0.05) {
            counter.add()
        }
        // The files above are written; a close a spawning process delays to its start
        // would be reported within the quiet time after that. What the watcher counts
        // from here on is what the writes below cause.
        usleep(300_000)
        let before = counter.count
        // Hidden files, backups and the neighbour: no report. (An absence can only be
        // seen by waiting; a report, had there been one, comes within the quiet time.
        // A slow machine can only make this pass wrongly, never fail wrongly.)
        try write(folder, ".mine.md.swp")
        try write(folder, "mine.md~")
        try write(folder, "other.md", "# B\n")
        usleep(400_000)
        #expect(counter.count == before)
        try write(folder, "mine.md", "# A again\n")
        #expect(counter.waitForMore(than: before))
        withExtendedLifetime(watcher) {}
    }
}
