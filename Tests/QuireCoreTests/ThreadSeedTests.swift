import QuireCore
import Testing

@Suite("The thread seed")
struct ThreadSeedTests {
    let issue = Seeds.thread

    @Test func topicTitleIsTheTitleNotAPost() {
        #expect(issue.kind == .thread)
        #expect(issue.title == "Good Readings 2021")
        #expect(!issue.sections.contains { $0.title == "Good Readings 2021" })
    }

    @Test func postsAreSplitAtReactionsGapsGreetingsAndSignOffs() {
        #expect(
            issue.sections.map(\.title) == [
                "Hello all! This is the continuation of topic Good Readings…",
                "Mixup without Hesitation:",
                "This looks very interesting indeed. :smiley: :smiley:",
                "This is very cool!",
                "Zero-Shot Text-to-Image Generation (DALL-E paper)",
                "This essay by Sam Altman of OpenAI explores the immense…",
                "Hi Pomo hope all is well!",
                "Hi @mrfabulous1,",
                "You’re not alone! :smiley:",
                "Would one of the forum moderators please create a new topic…",
            ])
    }

    @Test func reactionLinesAreCountsNotPosts() throws {
        for section in issue.sections {
            #expect(!section.title.hasSuffix("Like"))
            #expect(!section.text.contains("1 Like"))
        }
        #expect(issue.sections.map(\.reactions) == [0, 0, 1, 1, 1, 0, 0, 1, 0, 0])
    }

    @Test func aSignOffEndsAPostButAPostscriptStaysInIt() throws {
        let reply = try #require(issue.sections.first { $0.title == "Hi @mrfabulous1," })
        #expect(reply.text.hasSuffix("measurement of external costs of policies, etc.?"))
        #expect(reply.text.contains("Cheers to you, Mr Fab!"))
        let pomo = try #require(issue.sections.first { $0.title == "Hi Pomo hope all is well!" })
        #expect(pomo.text.hasSuffix("Cheers mrfabulous1 :smiley: :smiley:"))
    }

    @Test func worksNamedWithoutAURLAreLinksWithNoURL() {
        let named = issue.allLinks.filter { $0.url == nil }.map { String($0.text) }
        #expect(named.contains("Zero-Shot Text-to-Image Generation (DALL-E paper)"))
        #expect(
            named.contains(
                "AutoFreeze: Automatically Freezing Model Blocks to Accelerate Fine-tuning"))
        #expect(named.contains("Mixup without Hesitation"))
        for prose in [
            "Partial code", "Hello all!", "This is very cool!", "You’re not alone! :smiley:",
        ] {
            #expect(!named.contains(prose))
        }
    }
}
