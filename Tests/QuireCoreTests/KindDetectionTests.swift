import QuireCore
import Testing

@Suite("Kind detection by content")
struct KindDetectionTests {
    @Test func theFileNameNeverDecidesTheKind() {
        let threadText = (try? String(contentsOfFile: Seeds.threadPath, encoding: .utf8)) ?? ""
        for name in ["notes.md", "episode.txt", "newsletter.html", "no-extension"] {
            #expect(parse(threadText, path: name).kind == .thread)
        }
    }

    @Test func crlfLineEndingsParseLikeLF() {
        let text = (try? String(contentsOfFile: Seeds.showNotesPath, encoding: .utf8)) ?? ""
        let crlf = parse(text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf.kind == .showNotes)
        #expect(crlf.sections.map(\.title) == Seeds.showNotes.sections.map(\.title))
        #expect(crlf.sections.map(\.start) == Seeds.showNotes.sections.map(\.start))
    }

    @Test func frontMatterCanNameTheKindTitleAndDate() {
        let issue = parse(
            "---\ntitle: 'Notes on X'\ndate: 2020-02-29\nkind: thread\n---\nOnly a line.\n")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Notes on X")
        #expect(issue.date == "2020-02-29")
    }

    @Test func anythingElseIsADocumentWithOneSection() throws {
        let issue = parse(
            "Shopping list\n\nEggs, milk and https://shop.example/bread.\n\nMore eggs.\n")
        #expect(issue.kind == .document)
        #expect(issue.title == "Shopping list")
        #expect(issue.sections.count == 1)
        let section = try #require(issue.sections.first)
        #expect(section.links.map(\.url) == ["https://shop.example/bread"])
        #expect(section.text == "Eggs, milk and https://shop.example/bread.\n\nMore eggs.")
    }

    @Test func plainTextIsNotReadAsMarkdown() {
        let issue = parse(
            "Notes\n\n*not emphasis* and 1. not a list\n    https://indented.example/x\n")
        #expect(issue.kind == .document)
        #expect(issue.sections.first?.text.contains("*not emphasis*") == true)
        #expect(issue.allLinks.map(\.url) == ["https://indented.example/x"])
    }

    @Test func aMarkdownNewsletterWithFrontMatterKeepsItsTitleAndDate() {
        let issue = parse(
            """
            ---
            title: Import AI 400
            date: "2024-05-01"
            url: https://importai.example/400
            ---

            ## Papers

            - [One](https://a.example/1)
            - [Two](https://a.example/2)
            - [Three](https://a.example/3)
            """)
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "Import AI 400")
        #expect(issue.date == "2024-05-01")
        #expect(issue.url == "https://importai.example/400")
        #expect(issue.sections.map(\.title) == ["Papers"])
    }
}
