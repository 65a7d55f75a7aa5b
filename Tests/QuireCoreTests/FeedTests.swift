import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// RSS and Atom feeds (`Fixtures/forms/feed-*`): each item an issue, podcast episodes as
/// show notes with their chapters, other items as newsletters.
@Suite("Feeds")
struct FeedTests {
    static func load(_ name: String) -> Library {
        Ingestor.load([Checkout.beside(#filePath, "Fixtures/forms/" + name)])
    }

    static func chapters(_ issue: QuireCore.Issue) -> [String] {
        issue.sections.compactMap { section in
            section.start.map { "\(Timestamp.format($0)) \(section.title)" }
        }
    }

    @Test func podcastItemsWithPodloveChaptersAreShowNotes() throws {
        let library = Self.load("feed-podcast-podlove-chapters.rss")
        #expect(library.failures.isEmpty)
        #expect(
            library.issues.map(\.title) == [
                "SN42: Sampling is a policy decision", "SN41: Logs are a database",
            ])
        let episode = library.issues[0]
        #expect(episode.kind == .showNotes)
        #expect(episode.source == "Signal & Noise Radio")
        #expect(episode.episodeNumber == 42)
        #expect(episode.date == "2024-03-05")
        #expect(episode.url == "https://signal-noise.example.fm/42")
        #expect(episode.duration == 3750)
        #expect(
            Self.chapters(episode) == [
                "0:00 Hello again", "3:15 Head sampling versus tail sampling",
                "21:40 What the bill taught us", "48:05 Listener mail",
            ])
        #expect(episode.sections.last?.end == 3750)
        let links = episode.allLinks
        #expect(
            links.map(\.url) == [
                "https://blog.example.org/tail-sampling",
                "https://docs.example.io/collector/sampling",
                "https://sponsor.example.com/?ref=sn",
            ])
        #expect(links[1].title == "Collector docs")
        // An item with only a description, and its duration in seconds.
        #expect(library.issues[1].kind == .showNotes)
        #expect(library.issues[1].duration == 2890)
        #expect(library.issues[1].allLinks.map(\.url) == ["https://example.net/lsm"])
    }

    @Test func chaptersWrittenInAPlainTextDescription() throws {
        let issue = try #require(Self.load("feed-podcast-description-chapters.rss").issues.first)
        #expect(issue.kind == .showNotes)
        #expect(issue.source == "The Kiln Hour")
        #expect(issue.duration == 41 * 60 + 10)
        #expect(
            Self.chapters(issue) == [
                "0:00 Welcome back", "2:45 What crawling looks like",
                "11:20 Dust, grease and thick application", "27:05 Fixes that worked for us",
                "38:30 Next time",
            ])
        #expect(
            issue.allLinks.compactMap(\.url).sorted() == [
                "https://ceramics.example.org/crawling", "https://glaze.example.com/recipes/7",
            ])
    }

    @Test func atomEntriesAreNewsletters() {
        let library = Self.load("feed-atom-newsletter.xml")
        #expect(library.issues.map(\.kind) == [.newsletter, .newsletter])
        let issue = library.issues[0]
        #expect(issue.title == "Issue 19: incremental everything")
        #expect(issue.url == "https://parsers-weekly.example.org/19")
        #expect(issue.date == "2024-06-10")
        #expect(issue.sections.map(\.title) == ["Articles", "Tools"])
        #expect(issue.allLinks.count == 3)
        #expect(library.issues[1].date == "2024-06-03")
    }

    /// An item's id comes from its GUID: an updated feed (new title, new address) keeps
    /// every issue id, so marks survive re-reading it.
    @Test func anUpdatedItemKeepsItsIssueID() throws {
        let path = Checkout.beside(#filePath, "Fixtures/forms/feed-podcast-podlove-chapters.rss")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let updated =
            original
            .replacingOccurrences(of: "SN42: Sampling is a policy decision", with: "SN42: Sampling")
            .replacingOccurrences(
                of: "https://signal-noise.example.fm/42", with: "https://sn.example.fm/e/42")
        let before = Ingestor.load([path]).issues.map(\.id)
        let after = try TemporaryFolder.with("quire-feed") { folder in
            try updated.write(toFile: folder + "/feed.rss", atomically: true, encoding: .utf8)
            return Ingestor.load([folder + "/feed.rss"])
        }
        #expect(after.issues.map(\.id) == before)
        #expect(after.issues.first?.title == "SN42: Sampling")
    }

    /// Feeds are found by their content: neither Markdown that mentions `<rss` nor an
    /// HTML page is read as one.
    @Test func onlyAFeedIsReadAsAFeed() throws {
        // Loaded from files, as quire reads them: the path where feeds are found.
        let library = try TemporaryFolder.with("quire-not-feeds") { folder in
            try "# Notes\n\n<rss> is a tag.\n".write(
                toFile: folder + "/a.md", atomically: true, encoding: .utf8)
            try "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n".write(
                toFile: folder + "/b.html", atomically: true, encoding: .utf8)
            return Ingestor.load([folder + "/a.md", folder + "/b.html"])
        }
        #expect(library.issues.count == 2)
        let markdown = try #require(library.issues.first)
        #expect(markdown.title == "Notes")
        #expect(library.issues.last?.kind != .showNotes)
    }

    static func loadFeed(_ text: String) throws -> Library {
        try TemporaryFolder.with("quire-feed") { folder in
            try text.write(toFile: folder + "/feed.xml", atomically: true, encoding: .utf8)
            return Ingestor.load([folder + "/feed.xml"])
        }
    }

    /// Attribute values come with their references decoded: a link's `&amp;`, an
    /// enclosure's type, a chapter's title.
    @Test func attributeValuesAreDecoded() throws {
        let library = try Self.loadFeed(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Q &amp; A</title>
            <entry><title>One</title><id>urn:one</id>
            <link rel="alternate" href="https://example.org/a?x=1&amp;y=2&#38;z=&#x33;"/>
            <content type="html">&lt;p&gt;&lt;a href="https://example.org/b"&gt;B&lt;/a&gt;&lt;/p&gt;</content>
            </entry></feed>
            """)
        let issue = try #require(library.issues.first)
        #expect(issue.url == "https://example.org/a?x=1&y=2&z=3")
        #expect(issue.source == "Q & A")
        #expect(issue.allLinks.map(\.url) == ["https://example.org/b"])
    }

    /// A feed cut off in its third item keeps the two before it.
    @Test func aFeedCutShortKeepsItsWholeItems() throws {
        let library = try Self.loadFeed(
            """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>
            <item><title>First</title><description>one</description></item>
            <item><title>Second</title><description><![CDATA[<p>two <a href="https://example.org/2">2</a></p>]]></description></item>
            <item><title>Thi
            """)
        #expect(library.issues.prefix(2).map(\.title) == ["First", "Second"])
        #expect(library.issues[1].allLinks.map(\.url) == ["https://example.org/2"])
    }

    /// An entity that names a file is never read (no XXE): it stays out of the text.
    @Test func externalEntitiesAreNotRead() throws {
        let secret = try TemporaryFolder.with("quire-xxe") { folder in
            let path = folder + "/secret.txt"
            try "TOP-SECRET-VALUE".write(toFile: path, atomically: true, encoding: .utf8)
            return try Self.loadFeed(
                """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY leak SYSTEM "file://\(path)">]>
                <rss version="2.0"><channel><title>T</title>
                <item><title>Hello &leak; there</title><description>x</description></item>
                </channel></rss>
                """)
        }
        let dump = String(decoding: LibraryDump.json(secret), as: UTF8.self)
        #expect(!dump.contains("TOP-SECRET"))
        #expect(secret.issues.count == 1)
    }
}
