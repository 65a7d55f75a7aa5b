import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// Documents in the forms other people write them (`Fixtures/forms/`), and what each must
/// yield: kind, title, chapters with their start times, and where the links go.
@Suite("Real-world forms")
struct RealFormsTests {
    static func fixture(_ name: String) throws -> QuireCore.Issue {
        let path = Checkout.beside(#filePath, "Fixtures/forms/" + name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return Ingestor.parse(text: text, path: name)
    }

    /// The chapters: sections with a start time, as (start, title).
    static func chapters(_ issue: QuireCore.Issue) -> [String] {
        issue.sections.compactMap { section in
            section.start.map { "\(Timestamp.format($0)) \(section.title)" }
        }
    }

    @Test func atTimestampLinksLeadingLines() throws {
        let issue = try Self.fixture("show-notes-at-timestamp-links.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Oxide and Friends: The Rust 1.65 release")
        #expect(
            Self.chapters(issue) == [
                "0:00 Bryan: welcome", "1:25 Adam: the release notes", "12:40 Bryan: let-else",
                "30:02 Guest: GATs at last", "55:10 Wrap up",
            ])
        // The timestamps' own links point into the episode: they are not reading items.
        #expect(!issue.allLinks.contains { $0.url?.contains("youtu.be") == true })
        #expect(issue.sections.first?.links.count == 2)
        #expect(issue.sections.last?.title == "Links")
        #expect(issue.sections.last?.links.count == 6)
    }

    @Test func bracketedAtBulletsWithLinkedTitlesAndLinkBulletsUnderThem() throws {
        let issue = try Self.fixture("show-notes-bracketed-at-bullets.md")
        #expect(issue.kind == .showNotes)
        #expect(
            Self.chapters(issue) == [
                "1:11 Rust 1.65", "2:30 Generic associated types", "10:05 let-else statements",
                "15:45 Split debuginfo", "20:00 Outro",
            ])
        let gats = issue.sections.first { $0.title == "Generic associated types" }
        // The chapter's own link, then the bullet under it.
        #expect(
            gats?.links.map(\.url) == ["https://example.org/gats", "https://example.org/pr"])
        // A bullet nested under the last chapter is the last chapter's too.
        let outro = issue.sections.first { $0.title == "Outro" }
        #expect(outro?.links.map(\.url) == ["https://example.org/music"])
        #expect(issue.sections.last?.title == "Other links")
        #expect(issue.sections.last?.links.count == 5)
    }

    @Test func boldLinkedTimestampBullets() throws {
        let issue = try Self.fixture("show-notes-bold-linked-bullets.md")
        #expect(issue.kind == .showNotes)
        #expect(
            Self.chapters(issue) == [
                "0:00 Intro", "3:12 Guest introduction", "27:02 LSM trees versus B-trees",
                "1:05:40 Closing thoughts",
            ])
        #expect(issue.sections.last?.links.count == 10)
    }

    @Test func headingsAsChaptersWithBulletsUnderThem() throws {
        let issue = try Self.fixture("show-notes-heading-chapters.md")
        #expect(issue.kind == .showNotes)
        #expect(
            Self.chapters(issue) == [
                "0:00 Welcome", "5:30 The main topic", "40:12 Listener questions", "58:00 Goodbye",
            ])
        let topic = issue.sections.first { $0.title == "The main topic" }
        #expect(
            topic?.links.map(\.url) == [
                "https://example.org/topic", "https://example.org/paper",
                "https://example.org/paper2",
            ])
    }

    @Test func paragraphChaptersBetweenProseAndANumberedList() throws {
        let issue = try Self.fixture("show-notes-paragraph-chapters.md")
        #expect(issue.kind == .showNotes)
        #expect(
            Self.chapters(issue) == [
                "0:00 Introduction", "5:10 Sensor sizes", "12:45 Lenses", "30:00 Wrap-up",
            ])
        let sensors = issue.sections.first { $0.title == "Sensor sizes" }
        #expect(sensors?.text.contains("Full frame") == true)
    }

    @Test func chaptersEndAtTheNextStartAndTheLastAtTheEpisodesDuration() throws {
        let issue = try Self.fixture("show-notes-front-matter-duration.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.duration == 5130)
        let chapters = issue.sections.filter { $0.start != nil }
        #expect(chapters.map(\.start) == [0, 270, 2470, 4320])
        #expect(chapters.map(\.end) == [270, 2470, 4320, 5130])
    }

    /// Posts as (author, posted, number), in order.
    static func posts(_ issue: QuireCore.Issue) -> [String] {
        issue.sections.map {
            "\($0.author ?? "-") \($0.posted ?? "-") \($0.number.map(String.init) ?? "-")"
        }
    }

    @Test func postHeadersWithNumberAuthorAndUTCTime() throws {
        let issue = try Self.fixture("thread-post-number-by-author.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Lightning channel jamming mitigations")
        #expect(
            Self.posts(issue) == [
                "halseth 2024-09-16T13:01:59Z 1", "maria 2024-09-16T14:20:00Z 2",
                "tbast 2024-09-17T08:00:00Z 3",
            ])
        #expect(issue.sections.map(\.reactions) == [2, 0, 1])
        // A quote repeats the quoted post's link: there it is quoted, not a new item.
        let second = issue.sections[1].links
        #expect(
            second.map(\.url) == [
                "https://example.org/jamming.pdf", "https://example.org/reputation",
            ])
        #expect(second.map(\.quoted) == [true, false])
        #expect(!issue.sections[1].text.contains("[quote"))
        #expect(issue.sections[2].links.map(\.quoted) == [true, false])
    }

    @Test func postHeadersOfAuthorOnAnISOTime() throws {
        let issue = try Self.fixture("thread-author-on-iso-time.md")
        #expect(issue.kind == .thread)
        #expect(
            Self.posts(issue) == [
                "halseth 2019-07-25T13:37:01Z -", "maria 2019-07-26T09:00:00Z -",
                "tbast 2019-07-27T10:30:00Z -",
            ])
    }

    @Test func barSeparatedPostHeadersBetweenRules() throws {
        let issue = try Self.fixture("thread-bar-separated-fields.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Taproot channels discussion")
        #expect(
            Self.posts(issue) == [
                "halseth 2024-09-16T13:01:59Z 1", "maria 2024-09-16T14:20:00Z 2",
                "tbast 2024-09-17T08:00:00Z 3",
            ])
        #expect(issue.sections[1].links.map(\.url) == ["https://example.org/notes"])
    }

    @Test func chaptersInAFrontMatterBlockScalarWithMilliseconds() throws {
        let issue = try Self.fixture("show-notes-chapters-in-front-matter.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "The Gradient Podcast 112")
        #expect(issue.duration == 5130)
        #expect(
            Self.chapters(issue) == [
                "0:23 Introducing the guest", "5:10 Scaling laws revisited",
                "31:42 What breaks at scale", "1:10:00 Closing",
            ])
        #expect(issue.sections.filter { $0.start != nil }.last?.end == 5130)
        #expect(issue.allLinks.map(\.url) == ["https://example.org/ep112"])
    }

    @Test func threeFieldTimesThatCannotBeHoursAreMinutesSecondsFrames() throws {
        let issue = try Self.fixture("show-notes-minutes-seconds-frames.txt")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Editing a documentary")
        #expect(
            Self.chapters(issue) == [
                "0:00 Cold open", "4:12 The assembly cut", "23:40 Finding the story",
                "59:10 Picture lock",
            ])
    }

    @Test func frontMatterReadAsYAML() throws {
        let issue = try Self.fixture("front-matter-title-and-epoch-date.md")
        // The H1 says the front matter's title with its punctuation: the H1's wins, and it
        // starts no section of its own.
        #expect(issue.title == "Around cursor transforms (Blender-like) on Slicer")
        #expect(issue.date == "2020-07-13")
        #expect(issue.sections.map(\.title) == ["Introduction", "Notes"])
        let pelican = try Self.fixture("pelican-header-lines.md")
        #expect(pelican.title == "My super title")
        #expect(pelican.date == "2010-12-03")
        #expect(pelican.allLinks.count == 3)
    }

    /// Podcast site generators name the episode's audio and cover in front matter
    /// (`podcast_file: ….mp3`, `image: ….jpg`): files, never the episode's address.
    @Test func theAudioFileAndCoverAreNotTheEpisodesAddress() throws {
        let issue = try Self.fixture("show-notes-front-matter-audio-file.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.url == "https://hotbench.example.fm/42")
        #expect(issue.duration == 58 * 60 + 40)
        #expect(issue.date == "2023-03-14")
        #expect(
            Self.chapters(issue) == [
                "0:00 Hello and housekeeping", "3:15 The cheap iron that surprised us",
                "21:40 Tips, tinning and why your joints look grey", "44:05 Listener questions",
            ])
        #expect(!issue.allLinks.contains { $0.url?.hasSuffix(".mp3") == true })
        #expect(issue.sections.last?.title == "Links from the episode")
    }

    /// Eleventy's podcast plugin and others group the episode's fields in a mapping.
    @Test func anEpisodeMappingInFrontMatterGivesTheDuration() throws {
        let issue = try Self.fixture("show-notes-front-matter-episode-mapping.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Entering the workshop")
        #expect(issue.duration == 54 * 60 + 43)
        #expect(Self.chapters(issue).count == 4)
        #expect(issue.sections.last(where: { $0.start != nil })?.end == 54 * 60 + 43)
        // The links after the chapters, named by the label that leads them.
        #expect(issue.sections.last?.title == "Mentioned")
        #expect(issue.sections.last?.links.count == 2)
    }

    /// Hugo's JSON front matter, with the chapters as a list of `{start, title}`.
    @Test func jsonFrontMatterWithAChapterList() throws {
        let issue = try Self.fixture("show-notes-json-front-matter.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Kompost im Winter")
        #expect(issue.date == "2022-01-18")
        #expect(issue.duration == 47 * 60 + 5)
        #expect(
            Self.chapters(issue) == [
                "0:00 Begrüßung", "3:12 Warum der Haufen im Winter ruht",
                "19:40 Thermokomposter im Test", "38:02 Fragen der Hörerinnen",
            ])
        #expect(issue.sections.last(where: { $0.start != nil })?.end == 47 * 60 + 5)
        #expect(issue.sections.last?.title == "Shownotes")
        #expect(
            issue.allLinks.compactMap(\.url).sorted() == [
                "https://boden.example.org/regenwuermer-frost",
                "https://garten.example.de/thermokomposter",
            ])
    }

    /// Times alone on their lines, each above the bullets of its chapter, under a
    /// `Show Notes` heading; the heading after the last one ends it.
    @Test func bareTimesAboveTheirBullets() throws {
        let issue = try Self.fixture("show-notes-bare-times-over-bullets.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Quick Bite - Why your cron job ran twice")
        #expect(issue.date == "2022-04-27")
        #expect(
            Self.chapters(issue) == [
                "0:45 Why cron has no memory", "6:30 Overlapping runs and lock files",
                "13:05 Leader election for people who do not want leader election",
                "19:50 What we changed",
            ])
        let last = try #require(issue.sections.last(where: { $0.start != nil }))
        #expect(last.text.contains("a run table"))
        #expect(issue.sections.last?.title == "Find us")
        #expect(issue.sections.last?.links.count == 2)
        #expect(!issue.allLinks.contains { $0.url?.hasSuffix(".mp3") == true })
    }

    /// Hugo's TOML front matter between `+++` lines: title, date and address from it, and
    /// none of it in the body.
    @Test func tomlFrontMatterBetweenPlusLines() throws {
        let issue = try Self.fixture("newsletter-toml-front-matter.md")
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "Queue Notes #88: backpressure, again")
        #expect(issue.date == "2024-05-14")
        #expect(issue.url == "https://queue-notes.example.net/issues/88/")
        #expect(issue.sections.map(\.title).suffix(3) == ["Articles", "Tools", "Talks"])
        #expect(issue.allLinks.count == 6)
        #expect(!issue.sections.contains { $0.text.contains("+++") || $0.text.contains("draft") })
    }

    @Test func tomlThatDoesNotParseStaysInTheBody() {
        let issue = Ingestor.parse(
            text: "+++\ntitle = \"unclosed\n+++\n\n# A heading\n\nSome prose.\n", path: "bad.md")
        #expect(
            issue.sections.contains {
                $0.text.contains("unclosed") || $0.title.contains("unclosed")
            })
    }

    /// A table header whose key opens with a character no key has is not TOML: the front
    /// matter stays in the body and the file still loads.
    @Test(arguments: ["[.params]", "[[.a]]", "[ !x ]", "[{a = 1}]"])
    func aTableHeaderTOMLCannotReadLeavesTheFileLoading(header: String) {
        let issue = Ingestor.parse(
            text: "+++\ntitle = \"Queue Notes\"\n\(header)\nissue = 88\n+++\n\n# Body\n",
            path: "bad-header.md")
        #expect(issue.title != "Queue Notes")
        #expect(issue.sections.contains { $0.text.contains("issue = 88") })
    }

    @Test func textThatOpensWithARuleButIsNotYAMLStaysInTheBody() {
        let issue = Ingestor.parse(
            text: "---\nJust some: text: with: colons\n---\n\nAnd more prose here.\n",
            path: "rule.txt")
        #expect(issue.sections.first?.text.contains("Just some") == true)
    }

    /// Discourse's raw export: no title line, `user | time | #n` headers and dashed rules.
    @Test func discourseRawExportInPlainText() throws {
        let issue = try Self.fixture("thread-discourse-raw.txt")
        #expect(issue.kind == .thread)
        #expect(issue.title.hasPrefix("Hi all, my build of the renderer fails"))
        #expect(
            Self.posts(issue) == [
                "lena 2021-03-02T09:14:05Z 1", "omar 2021-03-02T11:40:00Z 2",
                "lena 2021-03-03T08:02:41Z 3",
            ])
        #expect(!issue.sections.contains { $0.text.contains("-----") })
        #expect(issue.sections[1].links.map(\.url) == ["https://docs.example.org/build#pch"])
    }

    /// Post bodies kept as HTML, as forum archives keep them, read with libxml2.
    @Test func htmlPostBodiesReadAsTextAndLinks() throws {
        let issue = try Self.fixture("thread-html-post-bodies.md")
        #expect(issue.kind == .thread)
        #expect(Self.posts(issue).map { $0.split(separator: " ").first } == ["lena", "omar"])
        let first = issue.sections[0]
        // Text, not tags; an anchor around only an image takes the image's alt text;
        // images and data: addresses are no links.
        #expect(!first.text.contains("<"))
        #expect(first.text.hasPrefix("Has anyone tried sccache with the new linker?"))
        #expect(
            first.links.map { "\($0.text) \($0.url ?? "-") \($0.title ?? "-")" } == [
                "sccache https://example.org/sccache sccache home",
                "mold linker https://github.example.com/mold -",
            ])
        let second = issue.sections[1]
        #expect(second.links.map(\.quoted) == [true])
        #expect(second.text.contains("Yes — see the caching thread."))
        // `# not a heading` inside <pre><code> starts no post and no section.
        #expect(issue.sections.count == 2)
        #expect(second.text.contains("# not a heading\ncargo build --release"))
    }

    /// `Thread: slug` on the line before the first `user | time | #1` header, in one
    /// paragraph: the slug names the topic and post 1 keeps its byline.
    @Test func topicLineOverBarSeparatedHeaders() throws {
        let issue = try Self.fixture("thread-topic-line-over-bar-headers.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "flaky-ci-on-arm-runners")
        #expect(
            Self.posts(issue) == [
                "rika 2024-02-11T08:15:02Z 1", "tomas 2024-02-10T22:40:10Z 2",
                "rika 2024-02-12T09:01:44Z 3",
            ])
        // No metadata gives a date: the first post's.
        #expect(issue.date == "2024-02-11")
        #expect(issue.sections[1].links.map(\.url) == ["https://ci.example.org/changelog#v2-14"])
        #expect(issue.sections[2].links.map(\.url) == ["https://ci.example.org/images/arm-2024-01"])
    }

    /// `## \#2 Posted by: name Posted at: ISO Reads: 84`, each post's text in a fence, and
    /// a counters heading: the fences are read as the posts' Markdown.
    @Test func postedByHeadersOverFencedBodies() throws {
        let issue = try Self.fixture("thread-posted-by-fenced-bodies.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Which hub motor for a 12s build?")
        #expect(
            Self.posts(issue) == [
                "kestrel 2019-06-02T18:04:11Z 1", "dunewalker 2019-06-02T18:30:45Z 2",
                "kestrel 2019-06-03T07:12:00Z 3", "moss 2019-06-05T21:55:31Z 4",
            ])
        #expect(issue.sections[0].links.map(\.url) == ["https://motors.example.com/flux-6374"])
        #expect(
            issue.sections[1].links.map(\.url) == [
                "https://motors.example.com/charts/6355-vs-6374"
            ])
        #expect(!issue.sections[1].text.contains("[quote"))
        // `### Replies: 4 Views: 311` is about the topic, not a post or a work named.
        #expect(!issue.sections.contains { $0.text.contains("Replies") })
        #expect(issue.sections[3].links.isEmpty)  // an image is no link
    }

    /// `### Post by name on date` with a stray inline fence that CommonMark would run to
    /// the end: every post is still found, and the fence's words are kept.
    @Test func postByOnDateHeadersPastAFenceThatNeverCloses() throws {
        let issue = try Self.fixture("thread-post-by-runaway-fence.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Laptop lost its partitions overnight")
        #expect(
            Self.posts(issue) == [
                "wren 2012-03-04 -", "halden 2012-03-04 -", "wren 2012-03-05 -",
                "ostrom 2012-03-05 -", "wren 2012-03-06 -",
            ])
        let second = issue.sections[1]
        #expect(second.text.contains("in a terminal and post what it prints?"))
        #expect(second.links.map(\.url) == ["https://help.example.org/partitioning"])
        #expect(issue.sections[3].links.map(\.url) == ["https://www.example.net/testdisk"])
        #expect(issue.sections[3].text.hasPrefix("> halden said:"))
    }

    /// A Discourse export, with bold `**Date**:` lines under the title and mentions.
    ///
    /// The lines are the topic's date and address, not a post; a mention is a person, not
    /// a link.
    @Test func discourseExportWithBoldMetadataAndMentions() throws {
        let issue = try Self.fixture("thread-discourse-export-metadata.md")
        #expect(issue.kind == .thread)
        #expect(issue.title == "Exporting a segmentation as STL from a script")
        #expect(issue.date == "2019-04-08")
        #expect(
            issue.url
                == "https://forum.example.org/t/exporting-a-segmentation-as-stl-from-a-script/5120")
        #expect(
            Self.posts(issue) == [
                "ines 2019-04-08T09:12:00Z 1", "piet 2019-04-08T11:47:00Z 2",
                "ines 2019-04-09T07:30:00Z 3",
            ])
        #expect(issue.sections[1].links.map(\.url) == ["https://docs.example.org/scripting#export"])
        #expect(issue.sections[1].text.contains("@ines, the second example"))
        #expect(issue.sections[2].links.isEmpty)
    }

    /// An episode page with no chapters: its stated length makes it show notes, its
    /// headings part it, and the list of the site's tag pages is no reading.
    @Test func episodePageWithoutChaptersIsShowNotesPartedByHeadings() throws {
        let issue = try Self.fixture("show-notes-episode-page-without-chapters.md")
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "KRN 48: Kernel Roundup 48")
        #expect(issue.date == "2024-02-15")
        #expect(issue.duration == 21 * 60 + 4)
        #expect(
            issue.sections.map(\.title) == [
                "About this episode", "Your hosts", "Episode links", "Tags",
            ])
        #expect(
            issue.sections[2].links.map(\.url) == [
                "https://lore.example.org/lkml/20240210-sched",
                "https://kernel.example.org/releases/6.7.5",
                "https://lwn.example.net/Articles/925371/",
            ])
        #expect(issue.sections[3].links.isEmpty)
    }

    /// An episode written up as an article, dated on a line of its own above the title and
    /// linked on two podcast apps: show notes, with the date.
    @Test func episodeWriteUpListedOnPodcastAppsIsShowNotes() throws {
        let issue = try Self.fixture("show-notes-episode-write-up.md")
        #expect(issue.kind == .showNotes)
        #expect(
            issue.title
                == "Field Notes: How a Small Museum Digitised Its Archive with Off-the-Shelf Tools")
        #expect(issue.date == "2024-02-20")
        #expect(!issue.sections.contains { $0.text.contains("Feb 20, 2024") })
        #expect(issue.sections.last?.links.count == 3)
    }

    /// One podcast link in a newsletter is an item, not a sign of show notes.
    @Test func aNewsletterLinkingOnePodcastEpisodeStaysANewsletter() {
        let issue = Ingestor.parse(
            text: """
                # Weekly Links 12

                ## Listen
                - [A good episode](https://open.spotify.com/episode/abc)
                - [Another](https://open.spotify.com/episode/def)
                - [A paper](https://papers.example.org/1)
                """, path: "weekly.md")
        #expect(issue.kind == .newsletter)
    }

    /// Forum markup carried into Markdown archives: a Discourse attachment is named by its
    /// file and, when the thread says where it lives, opens at the forum's short address;
    /// a BBCode image used as a link's text is named by the image's file.
    @Test func forumAttachmentsAndBBCodeImagesReadAsTheirFiles() throws {
        let text = """
            ---
            title: Board v2 wiring
            url: https://forum.example.org/t/board-v2-wiring/4242
            ---

            rika | 2024-02-11 08:15:02 UTC | #1

            Logs: [runner-log.txt|attachment](upload://a1b2c3d4e5f6.txt) (1.2 MB)

            tomas | 2024-02-11 09:01:44 UTC | #2

            Mine: [[IMG]https://i.example.net/boards/v2-board.png?w=600[/IMG]](https://shop.example.com/v2)
            and [[img]https://i.example.net/x/[/img]](https://shop.example.com/x)
            """
        let issue = Ingestor.parse(text: text, path: "thread.md")
        let links = issue.allLinks
        #expect(
            links.map(\.text) == ["runner-log.txt", "v2-board.png", "image"])
        #expect(
            links.map(\.url) == [
                "https://forum.example.org/uploads/short-url/a1b2c3d4e5f6.txt",
                "https://shop.example.com/v2", "https://shop.example.com/x",
            ])
        #expect(
            !issue.sections.contains {
                $0.text.contains("[IMG]") || $0.text.contains("|attachment")
            })
        // Without the forum's address, the upload stays as the document gives it.
        let bare = Ingestor.parse(
            text: "# Logs\n\nSee [a.txt|attachment](upload://abc.txt).\n", path: "b.md")
        #expect(bare.allLinks.map(\.text) == ["a.txt"])
        #expect(bare.allLinks.map(\.url) == ["upload://abc.txt"])
    }
}
