import QuireCore
import Testing

@Suite("Markdown ingest")
struct MarkdownIngestTests {
    /// A newsletter needs a few headings and links to be recognised as one.
    func newsletter(_ body: String) -> QuireCore.Issue {
        parse(
            "# Weekly links\n\n" + body
                + "\n\n## Filler\n\n[a](https://a.example/1) [b](https://b.example/2) [c](https://c.example/3)\n"
        )
    }

    @Test func atxAndSetextHeadingsBecomeSections() {
        let issue = parse(
            """
            Weekly Digest
            =============

            Intro with [one](https://one.example/a).

            Papers
            ------

            - [Two](https://two.example/b)

            ### Deeper

            - [Three](https://three.example/c) and [four](https://four.example/d)
            """)
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "Weekly Digest")
        #expect(issue.sections.map(\.title) == ["Introduction", "Papers", "Deeper"])
        #expect(issue.sections.map(\.level) == [1, 2, 3])
        #expect(issue.sections[0].links.map(\.text) == ["one"])
    }

    @Test func referenceStyleLinksResolveWithTheirTitles() throws {
        let issue = newsletter(
            """
            Read [the paper][p] and [this one][].

            [p]: https://arxiv.org/abs/1234.5678 "A Paper, 2024"
            [this one]: <https://example.org/x(1)>
            """)
        let section = try #require(issue.sections.first)
        #expect(section.links.map(\.text) == ["the paper", "this one"])
        #expect(
            section.links.map(\.url) == [
                "https://arxiv.org/abs/1234.5678", "https://example.org/x(1)",
            ])
        #expect(section.links[0].title == "A Paper, 2024")
    }

    @Test func autolinksAndBareURLsAreLinks() throws {
        let issue = newsletter(
            "See <https://angle.example/a> and https://bare.example/b, or www.www.example/c.")
        let section = try #require(issue.sections.first)
        #expect(
            section.links.map(\.url) == [
                "https://angle.example/a", "https://bare.example/b", "http://www.www.example/c",
            ])
    }

    /// Bare URLs follow md4c's permissive-autolink rules (found by `URLAutolinks`).
    @Test func bareURLsEndWhereMd4cWouldEndThem() throws {
        let issue = newsletter(
            """
            Start: (https://paren.example/a_(b)) and *https://em.example/x*, trailing \
            http://dot.example/p. ftp://files.example/f? and x:http://glued.example no; \
            HTTP://CAPS.EXAMPLE no; http://under_score.example no; http://nodot no; \
            http://x_y.sub.example/ok yes; https://amp.example/?q=1&amp;r=2; \
            [read https://inner.example/i here](https://outer.example/o); \
            `https://code.example/c`; \\(https://escaped.example/e
            https://line.example/l at a line's start
            """)
        let section = try #require(issue.sections.first)
        #expect(
            section.links.map(\.url) == [
                "https://paren.example/a_(b)", "https://em.example/x", "http://dot.example/p",
                "ftp://files.example/f", "http://x_y.sub.example/ok", "https://amp.example/?q=1",
                "https://inner.example/i", "https://outer.example/o",
                "https://escaped.example/e", "https://line.example/l",
            ])
        #expect(section.links[6].text == "https://inner.example/i")
        #expect(section.links[7].text == "read https://inner.example/i here")
    }

    /// `www.` addresses follow md4c's rules too, and link to `http://`.
    @Test func bareWWWAddressesEndWhereMd4cWouldEndThem() throws {
        let issue = newsletter(
            """
            See www.plain.example/p. and xwww.glued.example no, (www.paren.example/a_(b)) and             *www.em.example/x* and www.nodot no and WWW.CAPS.EXAMPLE no;             www.under_score.example no.
            """)
        let section = try #require(issue.sections.first)
        #expect(
            section.links.map(\.url) == [
                "http://www.plain.example/p", "http://www.paren.example/a_(b)",
                "http://www.em.example/x",
            ])
        #expect(section.links.first?.text == "www.plain.example/p")
    }

    @Test func imagesCodeSpansAndHTMLCommentsHoldNoLinks() throws {
        let issue = newsletter(
            """
            ![a chart](https://img.example/chart.png) and `https://code.example/x` and
            a comment <!-- https://comment.example/y --> but [real](https://real.example/z).

            ```
            https://fenced.example/w
            ```
            """)
        let section = try #require(issue.sections.first)
        #expect(section.links.map(\.url) == ["https://real.example/z"])
        #expect(section.text.contains("https://code.example/x"))
        #expect(!section.text.contains("a chart"))
        #expect(section.text.hasPrefix("and https://code.example/x"))
    }

    @Test func linkPiecesSplitByEmphasisMergeIntoOne() throws {
        let issue = newsletter(
            #"- [“A ](https://u.example/)_[B](https://u.example/)_[ C”](https://u.example/), and [D](https://u.example/) [E](https://u.example/)"#
        )
        let section = try #require(issue.sections.first)
        // Touching pieces merge; the later separate links to the same URL are one item.
        #expect(section.links.map(\.text) == ["“A B C”"])
        #expect(section.text == "• “A B C”, and D E")
    }

    @Test func piecesWithDifferentURLsOrTitlesStaySeparate() throws {
        let issue = newsletter(
            #"[A](https://one.example/)_[B](https://two.example/)_ [C](https://one.example/ "t")"#)
        let section = try #require(issue.sections.first)
        #expect(section.links.map(\.text) == ["A", "B"])
    }

    @Test func urlsAndTitlesAreUnescaped() throws {
        let issue = newsletter(
            #"[WP](https://en.wikipedia.org/wiki/Go_\(game\) "The \"game\" \(board\)") and [amp](https://x.example/?a=1&amp;b=2)"#
        )
        let section = try #require(issue.sections.first)
        #expect(section.links[0].url == "https://en.wikipedia.org/wiki/Go_(game)")
        #expect(section.links[0].title == #"The "game" (board)"#)
        #expect(section.links[1].url == "https://x.example/?a=1&b=2")
    }

    @Test func relativeLinksResolveAgainstTheIssueURL() throws {
        let issue = newsletter(
            "**Link:** https://news.example/p/issue-3\n\nSee [the archive](/archive) and [next](issue-4) and [top](#top)."
        )
        let section = try #require(issue.sections.first)
        #expect(
            section.links.map(\.url) == [
                "https://news.example/archive", "https://news.example/p/issue-4",
            ])
        #expect(issue.url == "https://news.example/p/issue-3")
    }

    @Test func metadataLabelsInAnyLanguageGiveURLAndDate() {
        for (link, date) in [
            ("Link", "Date"), ("链接", "日期"), ("Lien", "Date de publication"), ("Enlace", "Fecha"),
        ] {
            let issue = parse(
                """
                # Title \(link)

                **\(link):** https://site.example/posts/42
                **\(date):** Tue, 02 Mar 2021 10:00:00 GMT

                ## One

                [a](https://a.example/1) [b](https://b.example/2) [c](https://c.example/3)
                """)
            #expect(issue.url == "https://site.example/posts/42", "label \(link)")
            #expect(issue.date == "2021-03-02", "label \(date)")
            #expect(!issue.allLinks.contains { $0.url == "https://site.example/posts/42" })
        }
    }

    /// A `Published:` line with a date and an address gives both, and a content item that
    /// reads `Name: …` with a link in it stays content (issue 10: it was taken for the
    /// issue's URL and its link was lost, with reference-style links the first to go).
    @Test func aLinkInALabelledContentLineIsContentNotMetadata() {
        let issue = parse(
            """
            # Storage Digest #42

            Published: 2025-03-07 · https://digest.example.net/issues/42

            ## Papers

            - [WiscKey: Separating Keys from Values][wisckey] — still the best LSM read.
            - [“Ask HN: Why LSM trees?”](https://news.example/item/1): a thread worth it.
            - [Bigtable](https://example.org/bigtable.pdf)

            ## Tools

            - [RocksDB](https://rocksdb.example) tuning guide
            - [Pebble](https://pebble.example)
            - [Badger](https://badger.example)
            - [LevelDB](https://leveldb.example)

            [wisckey]: https://example.org/wisckey.pdf
            """)
        #expect(issue.date == "2025-03-07")
        #expect(issue.url == "https://digest.example.net/issues/42")
        let papers = issue.sections.first { $0.title == "Papers" }
        #expect(
            papers?.links.map(\.url) == [
                "https://example.org/wisckey.pdf", "https://news.example/item/1",
                "https://example.org/bigtable.pdf",
            ])
        // Without the metadata line nothing takes its place: no URL, the same links.
        let bare = parse(
            """
            # Digest

            - [WiscKey: Separating Keys from Values][wisckey] — still the best LSM read.
            - [Bigtable](https://example.org/bigtable.pdf)
            - [LevelDB](https://leveldb.example)

            ## More

            [a](https://a.example/1) [b](https://b.example/2)

            [wisckey]: https://example.org/wisckey.pdf
            """)
        #expect(bare.url == nil)
        #expect(bare.allLinks.first?.url == "https://example.org/wisckey.pdf")
    }

    /// `## [Call for Testing](…)`: the heading's links are the first links of its section.
    @Test func linksInHeadingsBelongToTheirSection() {
        let issue = parse(
            """
            # This Week in Widgets 312

            ## [Call for Testing](https://widgets.example/cft)

            - [Widget 2.0 beta](https://widgets.example/beta) needs testers.

            ## Updates from the [core team](/team "The team")

            - [RFC 12](https://widgets.example/rfc12) merged
            - [RFC 13](https://widgets.example/rfc13) postponed
            """, path: "widgets.md")
        let sections = Dictionary(
            uniqueKeysWithValues: issue.sections.map { ($0.title, $0.links) })
        #expect(
            sections["Call for Testing"]?.map(\.url) == [
                "https://widgets.example/cft", "https://widgets.example/beta",
            ])
        // Relative to nothing (the document gives no URL), `/team` is no reading item.
        #expect(
            sections["Updates from the core team"]?.map(\.text) == ["RFC 12", "RFC 13"])
        let withBase = parse(
            "# Widgets\n\nLink: https://widgets.example/issues/312\n\n"
                + "## Updates from the [core team](/team \"The team\")\n\n"
                + "- [RFC 12](https://widgets.example/rfc12) and [RFC 13](https://widgets.example/rfc13)\n"
                + "- [RFC 14](https://widgets.example/rfc14)\n\n## More\n\n"
                + "[a](https://a.example/1) [b](https://b.example/2) [c](https://c.example/3)\n")
        let team = withBase.sections.first { $0.title == "Updates from the core team" }
        #expect(team?.links.first?.url == "https://widgets.example/team")
        #expect(team?.links.first?.title == "The team")
    }

    /// `<a href>` written as inline HTML in a paragraph is a link like a Markdown one.
    @Test func inlineHTMLAnchorsAreLinks() {
        let issue = newsletter(
            """
            Read <a href="https://example.org/paper" title="The paper">the paper</a>, \
            <abbr>HTML</abbr> notes and <A HREF=https://example.org/upper>upper</A>.
            """)
        let links = issue.allLinks.filter { $0.url?.hasPrefix("https://example.org") == true }
        #expect(
            links.map { "\($0.text) \($0.url ?? "-") \($0.title ?? "-")" } == [
                "the paper https://example.org/paper The paper",
                "upper https://example.org/upper -",
            ])
        #expect(issue.sections.first?.text.contains("<a") == false)
    }

    @Test func deeplyNestedInputDoesNotOverflowTheStack() {
        let quotes = String(repeating: "> ", count: 20_000) + "[deep](https://deep.example/)"
        let lists = (0..<3_000).map {
            String(repeating: "  ", count: $0) + "- item [\($0)](https://l.example/\($0))"
        }
        .joined(separator: "\n")
        let emphasis =
            String(repeating: "*", count: 50_000) + "x" + String(repeating: "*", count: 50_000)
        let issue = parse("# Deep\n\n" + quotes + "\n\n" + lists + "\n\n" + emphasis + "\n")
        #expect(issue.allLinks.contains { $0.url == "https://deep.example/" })
        #expect(issue.allLinks.count > 100)
    }
}

@Suite("Large paragraphs")
struct LargeParagraphTests {
    /// A 3.6 MB paragraph keeps all its text and every link after it.
    @Test func aParagraphLargerThanASlabParsesWhole() throws {
        let words = String(repeating: "lorem ipsum dolor ", count: 200_000)  // 3.6 MB
        let issue = parse(
            "# Big\n\n## Part\n\n" + words
                + "[end](https://end.example/) [a](https://a.example/) [b](https://b.example/)\n")
        let section = try #require(issue.sections.first)
        #expect(section.text.utf8.count > 3_600_000)
        #expect(
            section.links.map(\.url) == [
                "https://end.example/", "https://a.example/", "https://b.example/",
            ])
        // The next document parses on its own.
        #expect(
            parse(
                "# Small\n\n## S\n\n[x](https://x.example/) [y](https://y.example/) [z](https://z.example/)\n"
            )
            .allLinks.count == 3)
    }
}
