import Foundation
import QuireCore
import Testing

@Suite("quire mark, list filters and quire state")
struct StateCommandTests {
    let folder = NSTemporaryDirectory() + "quire-state-" + UUID().uuidString
    var state: String { folder + "/nested/state.json" }

    func run(_ arguments: [String]) throws -> QuireProcess.Output {
        try QuireProcess.run(arguments + ["--state", state], in: QuireProcess.checkout)
    }

    /// `quire export`: the starred items as a Netscape bookmark file that Python's HTML
    /// parser reads link for link, and every item as CSV that Python's csv module reads
    /// back field for field (commas and quotes in titles included).
    @Test func exportWritesBookmarksAndCSVThatParsersReadBack() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try run(["mark", "https://arxiv.org/abs/2104.06272", "--star"]).status == 0)
        let html = try run(["export", "--starred", "--format", "html"])
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE NETSCAPE-Bookmark-file-1>"))
        let links = try python(
            """
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def __init__(s): super().__init__(); s.a = None; s.out = []
                def handle_starttag(s, t, attrs):
                    if t == "a": s.a = dict(attrs)
                def handle_data(s, d):
                    if s.a is not None: s.out.append((s.a["href"], s.a.get("tags"), d)); s.a = None
            p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
            for href, tags, text in p.out: print(href, tags, text, sep="\t")
            """, reading: html.stdout)
        #expect(
            links.split(separator: "\n").map(String.init) == [
                "https://arxiv.org/abs/2104.06272#deepmind\tstarred\t“Podracer architectures for scalable Reinforcement Learning”"
            ])
        let csv = try run(["export", "--format", "csv"])
        let all = try run(["list", "--format", "tsv"])
        let rows = try python(
            """
            import csv, sys
            for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
                print(r["id"], r["text"], sep="\\t")
            """, reading: csv.stdout)
        let expected = all.stdout.split(separator: "\n").map { row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            return fields[0] + "\t" + fields[4]
        }
        #expect(rows.split(separator: "\n").map(String.init) == expected.map(String.init))
        #expect(expected.count > 100)
    }

    /// `quire import csv` of `quire export --format csv` makes a reading-list document
    /// whose items keep their marks under another state file; `import urls` reads a
    /// plain list; an existing document is never overwritten.
    @Test func importedListsAreDocumentsWithTheirMarks() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(
            try run(["mark", "https://arxiv.org/abs/2104.06272#deepmind", "--star", "--read"])
                .status == 0)
        let csv = try run(["export", "--format", "csv"])
        let library = folder + "/library"
        try FileManager.default.createDirectory(atPath: library, withIntermediateDirectories: true)
        try csv.stdout.write(toFile: folder + "/export.csv", atomically: true, encoding: .utf8)
        let other = folder + "/other-state.json"
        let imported = try QuireProcess.run(
            ["import", "csv", folder + "/export.csv", "--into", library, "--state", other])
        #expect(imported.status == 0)
        #expect(imported.stdout == library + "/reading-list-export.md\n")
        let starred = try QuireProcess.run(
            ["list", "--starred", "--format", "tsv", library, "--state", other])
        let rows = starred.stdout.split(separator: "\n")
        #expect(rows.count == 1)
        #expect(rows.first?.hasSuffix("\thttps://arxiv.org/abs/2104.06272#deepmind") == true)
        #expect(rows.first?.contains("read,starred") == true)
        let all = try QuireProcess.run(["list", "--format", "tsv", library, "--state", other])
        // Every exported item with a web address is an item of the reading list.
        let webItems = CSVReader.rows(csv.stdout).filter {
            $0["url"]?.hasPrefix("https://") == true || $0["url"]?.hasPrefix("http://") == true
        }
        #expect(all.stdout.split(separator: "\n").count == webItems.count)
        let again = try QuireProcess.run(
            ["import", "csv", folder + "/export.csv", "--into", library, "--state", other])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; not overwritten"))

        try "https://a.example/one\n\nnot a url\nhttps://b.example/two\n"
            .write(toFile: folder + "/urls.txt", atomically: true, encoding: .utf8)
        let urls = try QuireProcess.run(
            ["import", "urls", folder + "/urls.txt", "--into", library, "--state", other])
        #expect(urls.status == 0)
        let list = try QuireProcess.run(
            ["list", "--format", "tsv", library + "/reading-list-urls.md", "--state", other])
        #expect(
            list.stdout.split(separator: "\n").map { $0.split(separator: "\t").last ?? "" } == [
                "https://a.example/one", "https://b.example/two",
            ])
    }

    /// What python3 prints running `script` on a file holding `input` (its path in argv).
    func python(_ script: String, reading input: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/python-input"
        try input.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func markingByURLShowsUpInTheFiltersEverywhereTheLinkAppears() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marked = try run([
            "mark", "HTTPS://arxiv.org/abs/2104.06272?utm_source=x", "--read", "--star",
        ])
        #expect(marked.status == 0)
        let starred = try run(["list", "--starred", "--format", "tsv"])
        let rows = starred.stdout.split(separator: "\n")
        #expect(rows.count == 1)
        #expect(
            rows.first?.contains("read,starred\tMay 2021 Gwern.net Newsletter\t2.1 AI\t“Podracer")
                == true)
        let unread = try run(["list", "--unread", "--format", "json"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: unread.stdoutData) as? [[String: Any]])
        #expect(!json.isEmpty)
        #expect(
            !json.contains {
                ($0["url"] as? String)?.hasPrefix("https://arxiv.org/abs/2104.06272") == true
            })
        // Chapters and posts without links are items of their own.
        #expect(json.contains { $0["text"] as? String == "This episode builds on Episode 5" })
        // Marks were appended to the journal; `quire state compact` folds them into the file.
        let journal = try String(contentsOfFile: state + ".journal", encoding: .utf8)
        #expect(journal.hasPrefix("{\"id\": \""))
        #expect(try run(["state", "compact"]).status == 0)
        let file = try String(contentsOfFile: state, encoding: .utf8)
        #expect(file.hasPrefix("{ \"version\": 2,\n  \"items\": {\n    \""))
        #expect(!FileManager.default.fileExists(atPath: state + ".journal"))
        let stats = try run(["state", "stats"])
        #expect(stats.stdout.contains("journal   0 entries, 0 bytes"))
    }

    @Test func mergingAnotherMachinesStateKeepsTheNewestAndSaysWhatChanged() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try run(["mark", "0123456789abcdef", "--read"])
        let other = folder + "/other.json"
        try """
        { "version": 1, "items": {
          "0123456789abcdef": { "read": false, "starred": false, "changed": "2001-01-01T00:00:00Z" },
          "fedcba9876543210": { "read": true, "starred": true, "changed": "2001-01-01T00:00:00Z" } } }
        """.write(toFile: other, atomically: true, encoding: .utf8)
        let merged = try run(["state", "merge", other])
        #expect(merged.status == 0)
        #expect(
            merged.stdout
                == "fedcba9876543210\tread, starred\t2001-01-01T00:00:00Z\n1 of 2 items changed\n")
        let read = try run(["list", "--read", "--format", "tsv"])
        #expect(read.status == 0)
        let pruned = try run(["state", "prune"])
        #expect(
            pruned.stdout == "removed 0123456789abcdef\nremoved fedcba9876543210\n2 items removed\n"
        )
    }

    @Test func aBrokenStateFileIsNamedWithLineAndColumnAndNotTouched() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(
            atPath: folder + "/nested", withIntermediateDirectories: true)
        let broken = "{ \"version\": 1,\n  \"items\": { oops } }\n"
        try broken.write(toFile: state, atomically: true, encoding: .utf8)
        let result = try run(["mark", "0123456789abcdef", "--read"])
        #expect(result.status == 1)
        #expect(result.stderr == "quire: \(state):2:14: not valid JSON\n")
        #expect(try String(contentsOfFile: state, encoding: .utf8) == broken)
    }

    @Test func statePathFollowsTheOptionThenTheEnvironment() throws {
        let given = try QuireProcess.run(["state", "path", "--state", "/tmp/x.json"])
        #expect(given.stdout == "/tmp/x.json\n")
        let fromEnvironment = try QuireProcess.run(
            ["state", "path"], environment: ["QUIRE_STATE": "/tmp/y.json"])
        #expect(fromEnvironment.stdout == "/tmp/y.json\n")
        let xdg = try QuireProcess.run(
            ["state", "path"], environment: ["QUIRE_STATE": "", "XDG_STATE_HOME": "/xdg"])
        #expect(xdg.stdout == "/xdg/quire/state.json\n")
    }
}
