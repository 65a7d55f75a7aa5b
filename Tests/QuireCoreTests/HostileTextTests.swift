import Foundation
import Testing

@testable import QuireCore

/// What a terminal must never receive, in every form a document can carry it.
private let hostile: [String] = [
    "\u{1B}[2J", "\u{1B}[31;1m", "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{1B}]0;pwned\u{1B}\\",
    "\u{1B}]8;;https://evil.example\u{07}", "\u{1B}P1$r\u{1B}\\", "\u{1B}(B", "\u{1B}c",
    "\u{9B}2J", "\u{9D}0;title\u{9C}", "\u{07}", "\u{08}", "\u{7F}", "\u{85}", "\u{01}",
]

@Suite("Terminal text")
struct TerminalTextTests {
    @Test func plainTextIsReturnedUnchanged() {
        for text in ["", "plain", "café “quoted” — ok", "tab\tless? no: tab", "日本語 ©«»"] {
            #expect(TerminalText.sanitized(text, tab: "\t", keepsLineBreaks: true) == text)
        }
    }

    @Test func escapeSequencesShowAsOneMarkerAndOtherControlsGo() {
        #expect(TerminalText.sanitized("a\u{1B}[2Jb") == "a␛b")
        #expect(TerminalText.sanitized("a\u{1B}]52;c;aGVsbG8=\u{07}b") == "a␛b")
        #expect(TerminalText.sanitized("a\u{1B}]0;t\u{1B}\\b") == "a␛b")
        #expect(TerminalText.sanitized("a\u{9B}31mb\u{9D}0;x\u{9C}c") == "a␛b␛c")
        #expect(TerminalText.sanitized("over\rwrite\u{08}\u{08}!\u{07}\u{7F}") == "over write!")
        #expect(TerminalText.sanitized("r\u{202E}lo\u{2067}iso\u{2069}") == "rloiso")
        #expect(TerminalText.sanitized("a\tb") == "a b")
        #expect(TerminalText.sanitized("a\tb\nc", tab: "\t", keepsLineBreaks: true) == "a\tb\nc")
        // An unterminated OSC stops at the line's end: the next line is kept.
        #expect(
            TerminalText.sanitized("a\u{1B}]52;c;xyz\nnext", keepsLineBreaks: true) == "a␛\nnext")
    }

    @Test func noSanitisedStringHoldsAControl() {
        var generator = SystemRandomNumberGenerator()
        let pieces = hostile + ["a", "é", "\t", "\n", "\r", "\u{202E}", "\u{2066}", "[", "]", ";"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let out = TerminalText.sanitized(text)
            #expect(
                !out.unicodeScalars.contains {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                        || (0x202A...0x202E).contains($0.value)
                        || (0x2066...0x2069).contains($0.value)
                }, "\(text.debugDescription) → \(out.debugDescription)")
        }
    }

    @Test func aFileKeepsItsLayoutAndLosesItsControls() throws {
        let text = "# T\u{1B}[2Jitle\r\n\tcode\u{0C}x\u{07}\n"
        let cleaned = try #require(
            Array(text.utf8).withUnsafeBufferPointer { TerminalText.removingControls(from: $0) })
        #expect(String(decoding: cleaned.bytes, as: UTF8.self) == "# Title\r\n\tcode x\n")
        #expect(cleaned.removed == 2)
        #expect(
            Array("clean\ttext\r\n".utf8).withUnsafeBufferPointer {
                TerminalText.removingControls(from: $0)
            } == nil)
    }
}

@Suite("Decoding and hostile documents")
struct HostileDocumentTests {
    typealias Folder = LoadingTests.Folder

    @Test func aStrayByteInUTF8TextIsReplacedAndTheDocumentLoads() throws {
        let folder = try Folder()
        let bytes =
            Array("# Weekly Links\n\n## 1. Tools\n\n- [Caf".utf8) + [0xE9]
            + Array(" tools](https://example.com/a) — naïve\n".utf8)
        let file = try folder.write("stray.md", bytes)
        let library = Ingestor.load([file])
        #expect(library.failures.isEmpty)
        let issue = try #require(library.issues.first)
        #expect(issue.allLinks.map(\.text) == ["Caf\u{FFFD} tools"])
        #expect(issue.sections.last?.text.contains("naïve") == true)
        #expect(
            library.warnings.map(\.description) == [
                "\(file): not valid UTF-8 (bad byte at offset 35); bad bytes shown as \u{FFFD}"
            ])
    }

    @Test func windows1252TextIsReadAsWindows1252() throws {
        let folder = try Folder()
        // “Café” – 5 € in Windows-1252.
        let file = try folder.write(
            "cp1252.txt", [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80])
        let library = Ingestor.load([file])
        #expect(library.issues.first?.title == "“Café” – 5 €")
        #expect(library.warnings.first?.message.hasSuffix("read as Windows-1252") == true)
    }

    @Test func structureNeverDependsOnControlCharacters() throws {
        let formsFolder = Seeds.folder + "/../Tests/QuireCoreTests/Fixtures/forms"
        let forms = try FileManager.default.contentsOfDirectory(atPath: formsFolder)
            .filter { !$0.hasSuffix("README.md") }.map { formsFolder + "/" + $0 }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                    && !isFolder.boolValue  // a Maildir
            }
        let documents = [Seeds.newsletterPath, Seeds.showNotesPath, Seeds.threadPath] + forms
        var generator = SystemRandomNumberGenerator()
        for path in documents {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // Controls between characters anywhere: in headings, link texts, URLs, markers.
            // At least one, whatever the dice say: a short fixture could otherwise stay clean.
            let forced = text.enumerated().filter { $0.element != "\n" }.map(\.offset)
                .randomElement(using: &generator)
            var dirty = ""
            for (index, character) in text.enumerated() {
                let roll = Int.random(in: 0..<40, using: &generator)
                if character != "\n", roll == 0 || index == forced {
                    dirty += hostile.randomElement(using: &generator)!
                }
                dirty.append(character)
            }
            let folder = try Folder()
            let name = (path as NSString).lastPathComponent
            let clean = Ingestor.load([try folder.write("clean-" + name, Array(text.utf8))])
            let hostile = Ingestor.load([try folder.write("dirty-" + name, Array(dirty.utf8))])
            let expected = clean.issues.map { IssueShape($0) }
            #expect(hostile.issues.map { IssueShape($0) } == expected, "\(name)")
            #expect(hostile.warnings.count == 1, "\(name)")
        }
    }

    /// An issue without its path: what the user sees and what marks attach to.
    struct IssueShape: Equatable {
        var id: ItemID
        var title: String
        var kind: DocumentKind
        var sections: [[String]]

        init(_ issue: QuireCore.Issue) {
            id = issue.id
            title = issue.title
            kind = issue.kind
            sections = issue.sections.map { section in
                [section.id.description, section.title, section.text]
                    + section.links.map { "\($0.id) \($0.text) \($0.url ?? "-")" }
            }
        }
    }
}
