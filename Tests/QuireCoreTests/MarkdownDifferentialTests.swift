import Foundation
import Testing

@testable import QuireCore

/// What an engine finds in a document: its headings and its links.
struct MarkdownView: Equatable, Codable {
    struct Heading: Equatable, Codable {
        var level: Int
        var text: String
    }
    struct Link: Equatable, Codable {
        var text: String
        var url: String
        var title: String?
    }
    var headings: [Heading]
    var links: [Link]

    init(headings: [Heading], links: [Link]) {
        self.headings = headings
        self.links = links
    }

    init(_ blocks: [Block]) {
        headings = []
        links = []
        for block in blocks {
            if case .heading(let level) = block.kind {
                headings.append(Heading(level: level, text: block.text.collapsingWhitespace()))
            }
            for span in block.links {
                links.append(
                    Link(
                        text: block.text(of: span).collapsingWhitespace(), url: span.url ?? "",
                        title: span.title))
            }
        }
    }
}

/// Old engine (cmark-gfm) against new (md4c) on the same documents.
@Suite("Markdown engines side by side")
struct MarkdownDifferentialTests {
    static func compare(_ name: String, _ markdown: String, into report: inout [String]) -> Bool {
        let old = MarkdownView(CmarkReader.blocks(from: markdown))
        let new = MarkdownView(MarkdownReader.blocks(from: markdown))
        guard old != new else { return true }
        report.append("== \(name)\n\(markdown)\n-- cmark: \(old)\n-- md4c:  \(new)\n")
        return false
    }

    @Test func enginesAgree() throws {
        var report: [String] = []
        var documents: [(String, String)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Seeds.folder).sorted() {
            let text = try String(contentsOfFile: Seeds.folder + "/" + name, encoding: .utf8)
            documents.append((name, SourceText(text).body))
        }
        if let spec = ProcessInfo.processInfo.environment["QUIRE_SPEC_JSON"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: spec))
            let examples = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
            for example in examples {
                let html = example["html"] as! String
                guard html.contains("<a ") || html.contains("<h") else { continue }
                documents.append(("spec \(example["example"]!)", example["markdown"] as! String))
            }
        }
        if let corpus = ProcessInfo.processInfo.environment["QUIRE_DIFF_CORPUS"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
                let text = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
                documents.append((name, SourceText(text).body))
            }
        }
        var differing = 0
        for (name, markdown) in documents where !Self.compare(name, markdown, into: &report) {
            differing += 1
        }
        let out = ProcessInfo.processInfo.environment["QUIRE_DIFF_REPORT"] ?? "/tmp/quire-diff.txt"
        try report.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        print("differential: \(documents.count) documents, \(differing) differ; report in \(out)")
        #expect(differing == 0)
    }
}
