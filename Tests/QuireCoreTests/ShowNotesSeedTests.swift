import QuireCore
import Testing

@Suite("The show-notes seed")
struct ShowNotesSeedTests {
    let issue = Seeds.showNotes

    @Test func headerGivesTitleShowDateAndEpisode() {
        #expect(issue.kind == .showNotes)
        #expect(issue.title == "Stability and combinations, with Aleksa Gordić")
        #expect(issue.date == "2022-09-28")
        #expect(issue.source == "London Futurists")
        #expect(issue.episode == "Season 1 Episode 6")
        #expect(issue.url == nil)
    }

    @Test func descriptionIsTheLeadingSection() throws {
        let first = try #require(issue.sections.first)
        #expect(first.start == nil)
        #expect(
            first.text
                == "This episode continues our discussion with AI researcher Aleksa Gordić from DeepMind on understanding today’s most advanced AI systems."
        )
    }

    @Test func fortyFourChaptersInDocumentOrderWithStarts() throws {
        let chapters = issue.sections.filter { $0.start != nil }
        #expect(chapters.count == 44)
        #expect(issue.sections.count == 45)
        #expect(chapters.first?.title == "This episode builds on Episode 5")
        #expect(chapters.first?.start == 7)
        #expect(chapters[1].start == 65)
        #expect(chapters[1].title == "We start with GANs – Generative Adversarial Networks")
        let last = try #require(chapters.last)
        let beforeLast = chapters[chapters.count - 2]
        #expect(beforeLast.title == "Dedicated AI chips will help a lot with efficiency")
        #expect(beforeLast.start == 26 * 60 + 55)
        #expect(last.title == "Cerebros claims that GPT-3 could be trained on a single")
        #expect(last.start == 1585)
    }

    @Test func promoAfterTheChaptersIsNotAChapter() {
        let text = issue.sections.map(\.text).joined(separator: "\n")
        #expect(!text.contains("Climate Confident"))
        #expect(!text.contains("Listen on"))
    }
}
