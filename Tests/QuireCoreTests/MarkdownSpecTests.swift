import Foundation
import QuireTestSupport
import Testing

@testable import QuireCore

/// What the Markdown reader finds in a document: its headings and its links.
struct MarkdownView: Equatable, Codable, CustomStringConvertible {
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
                        text: block.text(of: span).collapsingWhitespace(),
                        url: span.url.map(String.init) ?? "", title: span.title.map(String.init)))
            }
        }
    }

    var description: String {
        "headings \(headings.map { "h\($0.level) \($0.text)" }), links \(links.map { "[\($0.text)](\($0.url)\($0.title.map { " \"\($0)\"" } ?? ""))" })"
    }
}

@Suite("Markdown reader against the CommonMark spec")
struct MarkdownSpecTests {
    struct Example: Decodable {
        var example: Int
        var section: String
        var markdown: String
        var expected: MarkdownView
    }

    static let examples: [Example] = {
        let path = Checkout.beside(#filePath, "Fixtures/commonmark-links-headings.json")
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([Example].self, from: data)) ?? []
    }()

    @Test func theFixtureHoldsTheSpecExamples() {
        #expect(Self.examples.count == 163)
        #expect(Self.examples.reduce(0) { $0 + $1.expected.links.count } > 100)
    }

    @Test(arguments: examples.map(\.example))
    func headingsAndLinksAreFound(example number: Int) throws {
        let example = try #require(Self.examples.first { $0.example == number })
        let found = MarkdownView(MarkdownReader.blocks(from: example.markdown))
        #expect(
            found == example.expected, "\(example.section): \(example.markdown.debugDescription)")
    }

    @Test func htmlBlocksAndInlineHTMLAreKeptAsWritten() throws {
        let blocks = MarkdownReader.blocks(
            from:
                "Text <b>bold</b> and <a href=\"https://h.example/\">a</a>.\n\n<div>\nraw\n</div>\n"
        )
        let paragraph = try #require(blocks.first)
        #expect(paragraph.text == "Text bold and a.")
        #expect(
            paragraph.html.map(\.text) == [
                "<b>", "</b>", "<a href=\"https://h.example/\">", "</a>",
            ])
        #expect(paragraph.html.map(\.offset) == [5, 9, 14, 15])
        #expect(blocks.last?.kind == .html)
        #expect(blocks.last?.text == "<div>\nraw\n</div>\n")
    }

    @Test func characterReferencesAreDecoded() throws {
        let blocks = MarkdownReader.blocks(
            from:
                "&copy; &#8212; &#x1F600; &nosuch; &#0; [a&amp;b](https://e.example/?a=1&amp;b=2 \"t&quot;\")\n"
        )
        let block = try #require(blocks.first)
        #expect(block.text == "© — 😀 &nosuch; \u{FFFD} a&b")
        #expect(block.links.first?.url == "https://e.example/?a=1&b=2")
        #expect(block.links.first?.title == "t\"")
    }

    @Test func blankLinesBetweenBlocksAreCountedInTheSource() {
        let blocks = MarkdownReader.blocks(
            from:
                "\n\nFirst\n\n\n\nSecond\nSetext\n---\n\n***\n\n```\ncode\n```\n> quote\n>\n> more\n"
        )
        #expect(blocks.map(\.blankLinesBefore) == [2, 3, 1, 1, 0, 1])
    }

    /// md4c 0.4.8 looks one byte past a document whose last line is an unfinished inline
    /// link; a `)` lying there in memory must not close the link (found by the fuzzer).
    @Test func anUnfinishedLinkAtTheEndNeverReadsPastTheDocument() {
        for document in ["[a](b", "# T\n\n- [x](y \"t\"", "[a](<b>"] {
            let memory = Array((document + ")").utf8)
            let (blocks, whole) = memory.withUnsafeBufferPointer { buffer in
                (
                    MarkdownReader.blocks(from: UnsafeBufferPointer(rebasing: buffer.dropLast())),
                    MarkdownReader.blocks(from: document + "\n")
                )
            }
            #expect(MarkdownView(blocks) == MarkdownView(whole), "\(document)")
            #expect(MarkdownView(blocks).links.isEmpty, "\(document)")
        }
    }

    /// A fence opened by prose (```` ``` in a terminal ````, a stray inline fence) keeps
    /// those words as its first line; a language tag is no text.
    @Test func aFenceOpenedByProseKeepsItsWords() {
        let prose = MarkdownReader.blocks(from: "``` in a terminal, then\nsudo fdisk -l\n```\n")
        #expect(prose.map(\.text) == ["in a terminal, then\nsudo fdisk -l\n"])
        let tagged = MarkdownReader.blocks(from: "```swift\nlet a = 1\n```\n")
        #expect(tagged.map(\.text) == ["let a = 1\n"])
    }
}
