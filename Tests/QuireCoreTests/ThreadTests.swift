import QuireCore
import Testing

@Suite("Thread ingest")
struct ThreadTests {
    @Test func postsSplitOnReactionsGreetingsSignOffsAndLongGaps() {
        let issue = parse(
            """
            Best papers of the year

            Share the papers you liked most this year.

            3 Likes

            Attention Is All You Need

            2 Likes

            Hey everyone, I liked this one.
            It was good.

            Thanks, Ann

            PS: also see https://example.org/extra



            A reply after a long gap.
            """)
        #expect(issue.kind == .thread)
        #expect(issue.title == "Best papers of the year")
        #expect(
            issue.sections.map(\.title) == [
                "Share the papers you liked most this year.", "Attention Is All You Need",
                "Hey everyone, I liked this one.", "A reply after a long gap.",
            ])
        #expect(issue.sections.map(\.reactions) == [3, 2, 0, 0])
        #expect(issue.sections[1].links.map(\.text) == ["Attention Is All You Need"])
        #expect(issue.sections[1].links.map(\.url) == [nil])
        #expect(issue.sections[2].links.map(\.url) == ["https://example.org/extra"])
        #expect(issue.sections[2].text.contains("Thanks, Ann"))
    }

    @Test func aGreetingStartsANewPostEvenWithoutAGap() {
        let issue = parse(
            "Topic\n\nFirst post here.\n\n1 Like\n\nSecond post.\n\nHi @first,\nI agree.\n")
        #expect(issue.sections.map(\.title) == ["First post here.", "Second post.", "Hi @first,"])
    }

    @Test func markdownExportWithAHeaderPerPost() {
        let issue = parse(
            """
            # Reading group: week 3

            ## alice — 2024-01-05 10:12

            Opening thoughts on [the paper](https://arxiv.org/abs/2401.00001).

            4 Likes

            ## bob replied

            Cheers alice! Also:

            Scaling Laws for Neural Language Models

            ## carol — 2024-01-06

            Hi all,

            Agreed.
            """)
        #expect(issue.kind == .thread)
        #expect(issue.title == "Reading group: week 3")
        #expect(
            issue.sections.map(\.title) == [
                "alice — 2024-01-05 10:12", "bob replied", "carol — 2024-01-06",
            ])
        #expect(issue.sections.map(\.reactions) == [4, 0, 0])
        #expect(issue.sections[0].links.map(\.url) == ["https://arxiv.org/abs/2401.00001"])
        #expect(issue.sections[1].links.map(\.text) == ["Scaling Laws for Neural Language Models"])
        #expect(issue.sections[2].text == "Hi all,\n\nAgreed.")
    }

    @Test func keyValueHeaderLinesGiveTitleAndDate() {
        let issue = parse(
            """
            Topic: What are you reading?
            Date: 12 March 2022

            Post one here.

            1 Like

            Post two here.

            2 Likes
            """)
        #expect(issue.kind == .thread)
        #expect(issue.title == "What are you reading?")
        #expect(issue.date == "2022-03-12")
        #expect(issue.sections.map(\.title) == ["Post one here.", "Post two here."])
    }
}
