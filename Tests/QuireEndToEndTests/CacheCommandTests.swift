import Foundation
import QuireTestSupport
import Testing

@Suite("quire cache and the parsed-library cache")
struct CacheCommandTests {
    @Test func theSecondRunReadsTheCacheAndPrintsTheSameLibrary() throws {
        let home = NSTemporaryDirectory() + "quire-cache-e2e-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_CACHE_HOME": home]
        let folders = ["seeds", "Tests/QuireCoreTests/Fixtures/forms"]
        func run(_ arguments: [String]) throws -> QuireProcess.Output {
            try QuireProcess.run(arguments, in: QuireProcess.checkout, environment: environment)
        }
        let fresh = try run(["dump", "--no-cache"] + folders)
        #expect(fresh.status == 0)
        #expect(!FileManager.default.fileExists(atPath: home + "/quire"))

        let cold = try run(["stats"] + folders)
        #expect(cold.stdout.contains("cache     0 files read from it, "))
        let warm = try run(["stats"] + folders)
        #expect(
            warm.stdout.range(
                of: #"cache     [1-9][0-9]* files read from it, 0 parsed"#,
                options: .regularExpression) != nil)
        let dumped = try run(["dump"] + folders)
        #expect(dumped.stdoutData == fresh.stdoutData)

        let path = try run(["cache", "path"])
        #expect(path.stdout == home + "/quire\n")
        #expect(path.stderr.contains(" entries, "))
        let cleared = try run(["cache", "clear"])
        #expect(cleared.stdout.hasPrefix("removed "))
        #expect(!cleared.stdout.hasPrefix("removed 0 "))
        let after = try run(["stats"] + folders)
        #expect(after.stdout.contains("cache     0 files read from it, "))
    }
}
