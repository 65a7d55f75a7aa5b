import Foundation
import Testing

@Suite("quire filter")
struct FilterCommandTests {
    func filter(_ query: String, _ input: String) throws -> QuireProcess.Output {
        let file = NSTemporaryDirectory() + "quire-filter-" + UUID().uuidString
        try input.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try QuireProcess.run(["filter", query], stdin: file)
    }

    @Test func printsMatchingLinesBestFirst() throws {
        let result = try filter("dif", "modified\nDiffusion Models Beat GANs\nunrelated\ndif\n")
        #expect(result.status == 0)
        #expect(result.stdout == "dif\nDiffusion Models Beat GANs\nmodified\n")
    }

    /// The plain form skips the argument parser; every other form goes through it.
    @Test func theParserStillHandlesEverythingElse() throws {
        let file = NSTemporaryDirectory() + "quire-filter-" + UUID().uuidString
        try "-x marks\nplain\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let dashed = try QuireProcess.run(["filter", "--", "-x"], stdin: file)
        #expect(dashed.status == 0)
        #expect(dashed.stdout == "-x marks\n")
        let missing = try QuireProcess.run(["filter"], stdin: file)
        #expect(missing.status == 64)
        let help = try QuireProcess.run(["filter", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("best first"))
    }

    @Test func nothingMatchingIsExitStatusOne() throws {
        let result = try filter("jjjjj", "alpha\nbeta\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }
}
