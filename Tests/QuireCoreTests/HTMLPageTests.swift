import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// Saved web pages (`Fixtures/forms/page-*`): the page's main content, found by structure,
/// read into the same model as Markdown; site chrome left out.
@Suite("HTML pages")
struct HTMLPageTests {
    static func load(_ name: String) throws -> QuireCore.Issue {
        let library = Ingestor.load([Checkout.beside(#filePath, "Fixtures/forms/" + name)])
        #expect(library.failures.isEmpty)
        return try #require(library.issues.first)
    }

    @Test func aNewsletterWebVersionReadsItsArticleWithoutChrome() throws {
        let issue = try Self.load("page-newsletter-web-version.html")
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "Issue #212: Faster Builds, Fewer Flakes")
        #expect(issue.date == "2024-05-06")
        #expect(issue.url == "https://buildnotes.example.com/issues/212/")
        #expect(issue.source == "Build Notes")
        #expect(issue.sections.map(\.title) == ["Introduction", "Caching", "Flaky tests"])
        // Relative links resolve against the page's base; images, share buttons, the
        // sign-up form, related posts, the byline and the site's navigation are no items.
        #expect(
            issue.allLinks.map { $0.url ?? "-" } == [
                "https://blog.example.org/remote-cache-numbers",
                "https://buildnotes.example.com/issues/198/#cache",
                "https://papers.example.edu/flaky-time.pdf",
                "https://www.example.com/quarantine",
            ])
        #expect(issue.allLinks.first?.title == "Measured on 40 repos")
        let text = issue.sections.map(\.text).joined(separator: "\n")
        #expect(text.contains("Hello builders!"))
        #expect(text.contains("Hit rate by week."))
        #expect(!text.contains("Subscribe"))
        #expect(!text.contains("Privacy"))
        #expect(!text.contains("<"))
    }

    /// A blog page in the form of an old static-site theme (seen in the survey): a
    /// sidebar of menu and tag cloud beside the post, the date only in a byline paragraph,
    /// a linked "Previous: …" line under it.
    @Test func aBlogPostBesideItsSidebarTakesItsDateFromTheByline() throws {
        let issue = try Self.load("page-blog-sidebar-dateline.html")
        #expect(issue.title == "Why We Froze the Parser")
        #expect(issue.date == "2024-03-07")
        // The link to the previous post is no address of this one.
        #expect(issue.url == nil)
        #expect(
            issue.allLinks.map(\.url) == [
                "https://lang.example.org/rfcs/0042-parser-freeze",
                "https://lang.example.org/blog/2024/edition", "https://fmt.example.dev/",
                "https://lsp.example.dev/changelog#v3",
            ])
    }

    /// A corporate blog's page (seen in the survey): the date in `<meta name="publishDate">`,
    /// and a link an editor split across anchors to one address, one piece a letter.
    @Test func aSplitAnchorIsOneLinkAndPublishDateDatesThePage() throws {
        let page = """
            <!DOCTYPE html><html><head><title>Queues - Example Tech</title>
            <meta name="publishDate" content="2021-04-09 12:00:00.000-0600" />
            <link rel="canonical" href="https://tech.example.com/infra/queues" /></head>
            <body><header><nav><a href="https://tech.example.com/infra">Infrastructure</a></nav></header>
            <article><h1>Queues</h1>
            <p>Details are in the <a href="https://docs.example.com/q#model">D</a><a href="https://docs.example.com/q#model">ata</a>
            <a href="https://docs.example.com/q#model">M</a><a href="https://docs.example.com/q#model">odel</a> section,
            and <a href="https://docs.example.com/runbook">the runbook</a> says the rest.</p>
            <p>Two <a href="https://a.example.org/">separate</a>, <a href="https://a.example.org/">links</a> stay two pieces of text.</p>
            </article></body></html>
            """
        let library = try TemporaryFolder.with("quire-page") { folder in
            try page.write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
            return Ingestor.load([folder + "/page.html"])
        }
        let issue = try #require(library.issues.first)
        #expect(issue.date == "2021-04-09")
        #expect(issue.allLinks.map(\.text) == ["Data Model", "the runbook", "separate"])
    }

    @Test func aForumThreadPageIsAThreadOfItsPosts() throws {
        let issue = try Self.load("page-forum-thread.html")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Pinning a toolchain per project")
        #expect(issue.url == "https://forum.lattice.example/t/pinning-a-toolchain-per-project/881")
        #expect(
            issue.sections.map {
                "\($0.author ?? "-") \($0.posted ?? "-") \($0.number.map(String.init) ?? "-")"
            } == [
                "noor 2023-11-02T08:14:00Z 1", "bram 2023-11-02T09:30:00Z 2",
                "noor 2023-11-03T07:05:00Z 3",
            ])
        #expect(issue.date == "2023-11-02")
        let reply = issue.sections[1]
        // The quote repeats post 1's link: quoted, not new. The relative link resolves
        // against the page's address; the mention is text.
        #expect(
            reply.links.map { "\($0.url ?? "-") \($0.quoted)" } == [
                "https://docs.lattice.example/toolchains true",
                "https://forum.lattice.example/t/toolchain-files-explained/640 false",
            ])
        #expect(reply.text.contains("@noor the override section"))
        #expect(!issue.sections.contains { $0.text.contains("November 2, 2023") })
    }

    /// A blog post whose comments are marked up as `<article>`s of their own: the post is
    /// the content, the comments (and their links) are not.
    @Test func anArticleKeepsItsCommentsOut() throws {
        let issue = try Self.load("page-article-with-comments.html")
        #expect(issue.title == "Why I switched editors")
        #expect(issue.kind != .thread)
        #expect(
            issue.allLinks.map(\.url) == [
                "https://helix.example.com/", "https://ana.example.org/2023/setup/",
            ])
        #expect(!issue.sections.contains { $0.text.contains("Nice post") })
    }

    /// What a file is comes from its content: a page saved under another name still reads
    /// as a page, and Markdown that holds HTML is still Markdown.
    @Test func aPageIsKnownByItsContentNotItsName() throws {
        try TemporaryFolder.with("quire-page") { folder in
            let page = folder + "/saved.txt"
            try
                "<!doctype html><html><head><title>Saved</title></head><body><article><h1>Saved</h1><p>Read <a href=\"https://a.example/x\">this</a>.</p></article></body></html>"
                .write(toFile: page, atomically: true, encoding: .utf8)
            let markdown = folder + "/note.md"
            try
                "# Note\n\n<p>inline <a href=\"https://b.example/y\">html</a></p>\n\n[c](https://c.example/z)\n"
                .write(toFile: markdown, atomically: true, encoding: .utf8)
            let library = Ingestor.load([folder])
            #expect(library.issues.map(\.title).sorted() == ["Note", "Saved"])
            let saved = try #require(library.issues.first { $0.title == "Saved" })
            #expect(saved.allLinks.map(\.url) == ["https://a.example/x"])
        }
    }
}
