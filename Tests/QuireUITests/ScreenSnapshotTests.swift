import Foundation
import QuireTestSupport
import Testing

/// What a failed snapshot says: every differing line, so one run shows the whole change.
@Suite("snapshot comparison")
struct ScreenSnapshotTests {
    @Test func aFailureListsEveryDifferingLineWithItsNumber() throws {
        let (same, different) = try TemporaryFolder.with("quire-snapshot") { folder in
            try "one\ntwo\nthree\nfour\n".write(
                toFile: folder + "/screen.txt", atomically: true, encoding: .utf8)
            return (
                ScreenSnapshot.verify("one\ntwo\nthree\nfour\n", named: "screen.txt", in: folder),
                ScreenSnapshot.verify(
                    "one\nTWO\nthree\nFOUR\nfive\n", named: "screen.txt", in: folder)
            )
        }
        #expect(same == nil)
        let failure = try #require(different)
        #expect(failure.contains("2- two") && failure.contains("2+ TWO"))
        #expect(failure.contains("4- four") && failure.contains("4+ FOUR"))
        #expect(failure.contains("5- ") && failure.contains("5+ five"))
        #expect(!failure.contains("1- one") && !failure.contains("3- three"))
    }
}
