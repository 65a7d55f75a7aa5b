import Foundation
import QuireTestSupport
import Testing

/// What a failed snapshot says: every differing line, so one run shows the whole change.
@Suite("snapshot comparison")
struct ScreenSnapshotTests {
    @Test func aFailureListsEveryDifferingLineWithItsNumber() throws {
        let folder = NSTemporaryDirectory() + "quire-snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "one\ntwo\nthree\nfour\n".write(
            toFile: folder + "/screen.txt", atomically: true, encoding: .utf8)
        #expect(
            ScreenSnapshot.verify("one\ntwo\nthree\nfour\n", named: "screen.txt", in: folder) == nil
        )
        let failure = try #require(
            ScreenSnapshot.verify("one\nTWO\nthree\nFOUR\nfive\n", named: "screen.txt", in: folder))
        #expect(failure.contains("2- two") && failure.contains("2+ TWO"))
        #expect(failure.contains("4- four") && failure.contains("4+ FOUR"))
        #expect(failure.contains("5- ") && failure.contains("5+ five"))
        #expect(!failure.contains("1- one") && !failure.contains("3- three"))
    }
}
