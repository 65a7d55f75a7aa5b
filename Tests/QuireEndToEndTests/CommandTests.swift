import Foundation
import Testing

@Suite("quire dump and quire list")
struct CommandTests {
    @Test func dumpPrintsTheContractWithKeysInOrder() throws {
        let result = try QuireProcess.run(["dump"], in: QuireProcess.checkout)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let json = try #require(
            try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        let issues = try #require(json["issues"] as? [[String: Any]])
        #expect(issues.count == 3)
        #expect(
            issues.map { $0["path"] as? String } == [
                "seeds/000_c55989c8225910e4.txt", "seeds/003_e90002b915197ae8.txt",
                "seeds/004_79e5a1507919cb83.txt",
            ])
        #expect(issues.map { $0["kind"] as? String } == ["newsletter", "show-notes", "thread"])
        for issue in issues {
            #expect(
                Set(issue.keys) == [
                    "id", "title", "kind", "path", "url", "date", "show", "episode", "duration",
                    "sections",
                ])
            for section in issue["sections"] as? [[String: Any]] ?? [] {
                #expect(
                    Set(section.keys) == [
                        "id", "title", "level", "start", "end", "author", "posted", "number",
                        "reactions", "text", "links",
                    ])
                for link in section["links"] as? [[String: Any]] ?? [] {
                    #expect(Set(link.keys) == ["id", "text", "url", "title", "quoted"])
                }
            }
        }
        // Key order as in the contract, so dumps diff cleanly.
        let text = result.stdout
        let order = [
            "\"version\"", "\"issues\"", "\"id\"", "\"title\"", "\"kind\"", "\"path\"", "\"url\"",
            "\"date\"", "\"show\"", "\"episode\"", "\"duration\"", "\"sections\"", "\"level\"",
            "\"start\"", "\"end\"", "\"author\"", "\"posted\"", "\"number\"", "\"reactions\"",
            "\"text\"", "\"links\"", "\"quoted\"",
        ]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func withNoPathBothCommandsReadTheCheckoutsSeedsFromAnyFolder() throws {
        let elsewhere = try QuireProcess.run(["list"], in: NSTemporaryDirectory())
        #expect(elsewhere.status == 0)
        #expect(
            elsewhere.stdout.contains("May 2021 Gwern.net Newsletter  [newsletter · 2021-06-11 · "))
        #expect(
            elsewhere.stdout.contains(
                "Stability and combinations, with Aleksa Gordić  [show-notes · 2022-09-28 · 0 links]"
            ))
        #expect(elsewhere.stdout.contains("Good Readings 2021  [thread · 3 links]"))
        let dump = try QuireProcess.run(["dump"], in: NSTemporaryDirectory())
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("\"title\": \"Good Readings 2021\""))
    }

    @Test func listShowsSectionsIndentedWithCountsAndChapterStarts() throws {
        let result = try QuireProcess.run(["list", "seeds"], in: QuireProcess.checkout)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  1 Writings  (2 links)"))
        #expect(lines.contains("    2.1 AI  (45 links)"))
        #expect(lines.contains("  0:07  This episode builds on Episode 5"))
        #expect(lines.contains("  26:25  Cerebros claims that GPT-3 could be trained on a single"))
        #expect(lines.contains("  This is very cool!  (1 reaction)"))
        #expect(
            lines.contains(
                "  London Futurists · Season 1 Episode 6 · seeds/003_e90002b915197ae8.txt"))
    }

    @Test func aBadFileIsNamedOnStderrAndTheRestStillLoads() throws {
        let folder = NSTemporaryDirectory() + "quire-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data([0x66, 0x6F, 0x00, 0x0A]).write(to: URL(fileURLWithPath: folder + "/bad.txt"))
        try "Good one\n\nText here.\n".write(
            toFile: folder + "/good.txt", atomically: true, encoding: .utf8)
        let result = try QuireProcess.run(["list", folder])
        #expect(result.status == 1)
        #expect(
            result.stderr == "quire: \(folder)/bad.txt: binary file (NUL byte at 2)\n")
        #expect(result.stdout.hasPrefix("Good one  [document · 0 links]"))
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let result = try QuireProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("EXIT STATUS"))
        #expect(result.stdout.contains("some files could not be loaded"))
        let usage = try QuireProcess.run(["list", "--no-such-flag"])
        #expect(usage.status == 64)
    }

    /// `--version` prints the version; the shell completions that `make install` puts in
    /// place name every command.
    @Test func versionAndCompletionsForEveryShell() throws {
        let version = try QuireProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.8.0")
        for shell in ["bash", "zsh", "fish"] {
            let script = try QuireProcess.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell)")
            for command in ["browse", "list", "dump", "stats", "mark", "state", "search", "filter"]
            {
                #expect(script.stdout.contains(command), "\(shell): \(command)")
            }
        }
    }

    /// A malformed `--size` or `--theme` is refused before anything loads, saying what the
    /// value should look like.
    @Test func badSizesAndThemesAreRefusedWithTheirForm() throws {
        let size = try QuireProcess.run(["render", "--size", "80", "seeds"])
        #expect(size.status == 64)
        #expect(size.stderr.contains("--size must look like 80x24"))
        let theme = try QuireProcess.run(["render", "--ansi", "--theme", "sepia", "seeds"])
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("--theme must be 256, 8 or mono"))
        let good = try QuireProcess.run(
            ["render", "--size", "40x6", "seeds"], in: QuireProcess.checkout)
        #expect(good.status == 0)
        #expect(good.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 7)
    }

    @Test func statsCountsWhatWasLoaded() throws {
        let result = try QuireProcess.run(["stats", "seeds"], in: QuireProcess.checkout)
        #expect(result.status == 0)
        #expect(result.stdout.contains("issues    3 (1 newsletter, 1 show-notes, 1 thread)"))
        #expect(result.stdout.contains("skipped   0"))
    }
}
