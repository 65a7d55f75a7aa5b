import Foundation
import Testing

/// The whole `quire dump` of the seeds, compared with a recorded file.
///
/// Catches any change in what is parsed, in ids and in the JSON layout. Record again with
/// `QUIRE_RECORD_SNAPSHOTS=1 swift test --filter DumpSnapshot` after an intended change and
/// review the diff; a missing or freshly recorded snapshot fails the test.
@Suite("quire dump snapshot")
struct DumpSnapshotTests {
    static let folder: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast()
        return components.joined(separator: "/") + "/Snapshots"
    }()

    @Test func dumpOfTheSeedsMatchesTheSnapshot() throws {
        let result = try QuireProcess.run(["dump", "seeds"], in: QuireProcess.checkout)
        #expect(result.status == 0)
        let path = DumpSnapshotTests.folder + "/dump-seeds.json"
        let recording = ProcessInfo.processInfo.environment["QUIRE_RECORD_SNAPSHOTS"] == "1"
        guard !recording, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("Recorded \(path); review it and run the tests again.")
            return
        }
        if expected != result.stdout {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(want, got)).firstIndex { $0 != $1 } ?? min(want.count, got.count)
            let before = line < want.count ? String(want[line]) : "<end>"
            let after = line < got.count ? String(got[line]) : "<end>"
            Issue.record("dump differs from \(path) at line \(line + 1):\n- \(before)\n+ \(after)")
        }
    }

    /// A script that pins version 1 is told plainly what changed; version 2 passes.
    @Test func aPinnedOldFormatVersionFailsWithWhatChanged() throws {
        let old = try QuireProcess.run(
            ["dump", "--format-version", "1", "seeds"], in: QuireProcess.checkout)
        #expect(old.status != 0)
        #expect(old.stdout.isEmpty)
        #expect(old.stderr.contains("writes format version 2, not 1"))
        #expect(old.stderr.contains("quoted"))
        let current = try QuireProcess.run(
            ["dump", "--format-version", "2", "seeds"], in: QuireProcess.checkout)
        #expect(current.status == 0)
        #expect(current.stdout.hasPrefix("{\n  \"version\": 2,"))
    }
}
