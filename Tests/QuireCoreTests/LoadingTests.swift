import Foundation
import QuireCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Loading files")
struct LoadingTests {
    /// A fresh folder, removed when the test ends.
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "quire-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = path + "/" + name
            let parent = (file as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    /// A named pipe in a folder is passed over (reading it would wait for a writer); one
    /// named on its own is read to its end, however the writer splits what it writes.
    @Test func pipesAreReadWhenNamedAndPassedOverInFolders() throws {
        let folder = try Folder()
        _ = try folder.write("a.md", Array("# A\n\n- [a](https://a.example/)\n".utf8))
        let pipe = folder.path + "/b.md"
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(Ingestor.load([folder.path]).issues.map(\.title) == ["A"])

        let text =
            "# Piped\n\n"
            + (0..<5000).map { "- [link \($0)](https://p.example/\($0))\n" }
            .joined()
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe) else { return }
            for piece in text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 3000) {
                handle.write(Data(piece) + Data("\n".utf8))
            }
            try? handle.close()
        }
        writer.start()
        let piped = Ingestor.load([pipe])
        #expect(piped.failures.isEmpty)
        #expect(piped.issues.first?.title == "Piped")
        #expect(piped.issues.first?.allLinks.count == 5000)
    }

    @Test func badFilesAreReportedAndEveryOtherFileStillLoads() throws {
        let folder = try Folder()
        _ = try folder.write("a-good.txt", Array("Title\n\nSome text.\n".utf8))
        let empty = try folder.write("b-empty.txt", [])
        let blank = try folder.write("c-blank.txt", Array("  \n\n".utf8))
        let binary = try folder.write("d-binary.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])
        let latin1 = try folder.write(
            "e-latin1.txt", Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8))
        let dangling = folder.path + "/f-dangling.txt"
        try FileManager.default.createSymbolicLink(
            atPath: dangling, withDestinationPath: folder.path + "/missing")
        _ = try folder.write("sub/g-good.md", Array("# Nested\n\nText.\n".utf8))
        _ = try folder.write(".hidden.txt", Array("Hidden\n".utf8))

        let library = Ingestor.load([folder.path, folder.path + "/nope.txt"])
        #expect(library.issues.map(\.title) == ["Title", "café au lait", "Nested"])
        let reasons = Dictionary(
            uniqueKeysWithValues: library.failures.map { ($0.path, $0.reason) })
        #expect(reasons[empty] == "empty file")
        #expect(reasons[blank] == "empty file")
        #expect(reasons[binary] == "binary file (NUL byte at 4)")
        #expect(reasons[dangling] == "no such file or directory")
        #expect(reasons[folder.path + "/nope.txt"] == "no such file or directory")
        #expect(library.failures.count == 5)
        // A Latin-1 byte does not refuse the file: it loads, read as Windows-1252.
        #expect(
            library.warnings.map(\.description) == [
                "\(latin1): not valid UTF-8 (bad byte at offset 3); read as Windows-1252"
            ])
    }

    @Test func filesAreReadInPathOrderWhateverTheParallelism() throws {
        let folder = try Folder()
        for i in (0..<40).reversed() {
            _ = try folder.write(
                String(format: "doc-%02d.txt", i),
                Array("Document \(i)\n\nBody https://x.example/\(i)\n".utf8))
        }
        let library = Ingestor.load([folder.path])
        #expect(library.issues.map(\.title) == (0..<40).map { "Document \($0)" })
    }

    @Test func aByteOrderMarkIsNotPartOfTheTitle() {
        let issue = Ingestor.parse(text: "\u{FEFF}Title here\n\nText.\n", path: "bom.txt")
        #expect(issue.title == "Title here")
    }
}

@Suite("Parallel parsing")
struct ParallelParsingTests {
    /// Files parse on several threads; each must still find every bare URL, every time.
    @Test func parallelLoadsFindEveryBareURLEveryTime() throws {
        let folder = try LoadingTests.Folder()
        var expected = 0
        for file in 0..<64 {
            var text = "# Issue \(file)\n\n## Links\n\n"
            for line in 0..<150 {
                text +=
                    "- [“Paper \(file)-\(line)”](https://papers.example/\(file)/\(line)) (via https://via.example/\(file)/\(line)) and www.w\(file).example/\(line)\n"
                expected += 3
            }
            _ = try folder.write("issue-\(file).md", Array(text.utf8))
        }
        for _ in 0..<4 {
            let library = Ingestor.load([folder.path])
            #expect(library.issues.reduce(0) { $0 + $1.allLinks.count } == expected)
        }
    }
}
