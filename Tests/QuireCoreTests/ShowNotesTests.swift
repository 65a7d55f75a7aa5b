import QuireCore
import Testing

@Suite("Show-notes ingest")
struct ShowNotesTests {
    @Test(arguments: [
        ("00:00 Intro\n05:30 Second\n1:02:03 Third", [0, 330, 3723]),
        ("[00:00:10] Intro\n[00:10:00] Second\n[01:00:00] Third", [10, 600, 3600]),
        ("(0:10) Intro\n(5:00) Second\n(1:05:30) Third", [10, 300, 3930]),
        ("00:10 - Intro\n05:00 – Second\n10:00 — Third", [10, 300, 600]),
        ("00.10 Intro\n05.00 Second\n1.00.00 Third", [10, 300, 3600]),
        ("Intro (0:10)\nSecond (5:00)\nThird [1:05:30]", [10, 300, 3930]),
    ])
    func chapterMarkersInEveryCommonForm(text: String, starts: [Int]) {
        let issue = parse("My Show\n\nEpisode title\n\n" + text + "\n")
        #expect(issue.kind == .showNotes)
        #expect(issue.sections.compactMap(\.start) == starts)
        #expect(
            issue.sections.filter { $0.start != nil }.map(\.title) == ["Intro", "Second", "Third"])
    }

    @Test func markdownChapterListsWithBoldAndLinkedTimestamps() throws {
        let issue = parse(
            """
            ---
            title: "Episode 12: Sparse models"
            date: 2023-04-05
            ---

            # Episode 12: Sparse models

            We talk about [mixture of experts](https://arxiv.org/abs/1701.06538).

            ## Chapters

            - **00:00** Welcome
            - **02:15** Why sparsity? See https://example.org/sparsity
            - [12:40](https://podcast.example/ep12?t=760) Routing
            * [1:02:03] Wrap-up
            """)
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Episode 12: Sparse models")
        #expect(issue.date == "2023-04-05")
        let chapters = issue.sections.filter { $0.start != nil }
        #expect(
            chapters.map(\.title) == [
                "Welcome", "Why sparsity? See https://example.org/sparsity", "Routing", "Wrap-up",
            ])
        #expect(chapters.map { $0.start ?? -1 } == [0, 135, 760, 3723])
        // The linked timestamp points into the episode; it is not a reading item.
        #expect(chapters[2].links.isEmpty)
        #expect(chapters[1].links.map(\.url) == ["https://example.org/sparsity"])
        let description = try #require(issue.sections.first)
        #expect(description.start == nil)
        #expect(description.links.map(\.url) == ["https://arxiv.org/abs/1701.06538"])
    }

    @Test func timestampsThatGoBackwardsKeepDocumentOrder() {
        let issue = parse("Show\n\nTitle\n\n00:10 A\n00:30 B\n00:20 C\n00:40 D\n")
        #expect(issue.sections.compactMap(\.start) == [10, 30, 20, 40])
    }

    @Test func bareURLsAnywhereBecomeLinks() {
        let issue = parse(
            """
            Deep Talk
            Episode about things
            March 3, 2021 Deep Talk Episode 9

            We discuss a paper, https://arxiv.org/abs/2101.00001, and more.

            00:00 Start
            01:00 The paper https://arxiv.org/abs/2101.00001
            02:00 Another www.example.com/page
            Follow us: https://social.example/deeptalk
            """)
        #expect(issue.source == "Deep Talk")
        #expect(issue.title == "Episode about things")
        #expect(issue.episode == "Episode 9")
        #expect(issue.date == "2021-03-03")
        #expect(
            issue.allLinks.map(\.url) == [
                "https://arxiv.org/abs/2101.00001", "https://arxiv.org/abs/2101.00001",
                "http://www.example.com/page",
                "https://social.example/deeptalk",
            ])
        // The same paper in two sections is one reading item.
        #expect(issue.allLinks[0].id == issue.allLinks[1].id)
    }

    @Test func numbersThatAreNotTimesAreNotChapters() {
        let issue = parse("Notes\n\n3.75 stars\n12:345 nope\n1.5.3 release\n99:99 never\n")
        #expect(issue.kind == .document)
    }
}

@Suite("Show-notes and thread headers")
struct HeaderFormsTests {
    @Test func keyValueHeaderLinesNameShowTitleDateAndEpisode() {
        let issue = parse(
            """
            Podcast: The Gradient
            Title: Scaling and its discontents
            Date: 2024-02-03
            Episode: 112

            A talk about scaling.

            00:00 Intro
            04:10 Scaling laws
            31:00 What breaks
            """)
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Scaling and its discontents")
        #expect(issue.source == "The Gradient")
        #expect(issue.date == "2024-02-03")
        #expect(issue.episode == "Episode 112")
        #expect(
            issue.sections.map(\.title) == ["Description", "Intro", "Scaling laws", "What breaks"])
    }

    /// The show's name, then `Episode 118: Title`, then a date line: the title is the
    /// episode's, the show and the number are their own fields (issue 10).
    @Test(arguments: [
        ("Episode 118: Building a Home Lab That Doesn't Catch Fire", "Season 4 Episode 118"),
        ("Ep. 118 — Building a Home Lab That Doesn't Catch Fire", "Season 4 Episode 118"),
        ("S4E118 - Building a Home Lab That Doesn't Catch Fire", "Season 4 Episode 118"),
    ])
    func aNumberedEpisodeLineGivesTheTitleUnderTheShowsName(line: String, episode: String) {
        let issue = parse(
            """
            The Tinkering Hour
            \(line)
            March 3, 2024 · Season 4 Episode 118

            This week Dana and Raj walk through the home lab they rebuilt.

            Chapters
            00:00 Intro and listener mail
            03:12 The breaker incident
            14:40 Picking a rack and a UPS
            """)
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Building a Home Lab That Doesn't Catch Fire")
        #expect(issue.source == "The Tinkering Hour")
        #expect(issue.episode == episode)
        #expect(issue.date == "2024-03-03")
        #expect(!issue.sections.contains { $0.title.hasPrefix("Episode") })
        #expect(issue.sections.compactMap(\.start) == [0, 192, 880])
    }

    @Test func aThreadWithFrontMatterIsStillRecognisedByItsPosts() {
        let issue = parse(
            """
            ---
            title: Papers we liked
            date: 2023-12-31
            ---
            First post with a thought.

            2 Likes

            Hi all, a reply.

            Cheers, Bo
            """)
        #expect(issue.kind == .thread)
        #expect(issue.title == "Papers we liked")
        #expect(issue.date == "2023-12-31")
        #expect(issue.sections.map(\.title) == ["First post with a thought.", "Hi all, a reply."])
    }
}
