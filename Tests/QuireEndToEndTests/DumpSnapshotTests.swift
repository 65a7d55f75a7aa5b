import Foundation
import QuireTestSupport
import Testing

/// The whole `quire dump` of the seeds, compared with a recorded file.
///
/// Catches any change in what is parsed, in ids and in the JSON layout. Record again with
/// `QUIRE_RECORD_SNAPSHOTS=1 swift test --filter DumpSnapshot` after an intended change and
/// review the diff; a missing or freshly recorded snapshot fails the test.
@Suite("quire dump snapshot")
struct DumpSnapshotTests {
    static let folder = Checkout.beside(#filePath, "Snapshots")

    @Test func dumpOfTheSeedsMatchesTheSnapshot() throws {
        let result = try QuireProcess.run(["dump", "seeds"], in: QuireProcess.checkout)
        #expect(result.status == 0)
        if let failure = ScreenSnapshot.verify(
            result.stdout, named: "dump-seeds.json", in: DumpSnapshotTests.folder)
        {
            Issue.record(Comment(rawValue: failure))
        }
    }

    /// The dump of every feed, saved page and email fixture: what each format reads as,
    /// ids included (a feed item's from its GUID, a message's from its Message-ID).
    @Test func dumpOfFeedsPagesAndEmailMatchesTheSnapshot() throws {
        let forms = "Tests/QuireCoreTests/Fixtures/forms/"
        let names = try FileManager.default.contentsOfDirectory(
            atPath: QuireProcess.checkout + "/" + forms
        ).filter { ["feed-", "page-", "mail-"].contains(where: $0.hasPrefix) }.sorted()
        #expect(names.count == 11)
        let result = try QuireProcess.run(
            ["dump"] + names.map { forms + $0 }, in: QuireProcess.checkout)
        #expect(result.status == 0)
        if let failure = ScreenSnapshot.verify(
            result.stdout, named: "dump-feeds-pages-mail.json", in: DumpSnapshotTests.folder)
        {
            Issue.record(Comment(rawValue: failure))
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
