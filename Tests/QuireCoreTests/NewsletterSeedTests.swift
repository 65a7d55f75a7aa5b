import QuireCore
import Testing

@Suite("The newsletter seed")
struct NewsletterSeedTests {
    let issue = Seeds.newsletter

    @Test func isANewsletterWithTitleURLAndDateFromItsMetadata() {
        #expect(issue.kind == .newsletter)
        #expect(issue.title == "May 2021 Gwern.net Newsletter")
        #expect(issue.url == "https://gwern.substack.com/p/may-2021-gwernnet-newsletter")
        #expect(issue.date == "2021-06-11")
    }

    @Test func sectionsAreTheHeadingsInOrderWithoutChrome() {
        #expect(
            issue.sections.map(\.title) == [
                "links on AI hardware, diffusion models, optogenetics, brain scanning.",
                "1 Writings", "2 Links", "2.1 AI", "2.2 Genetics", "2.3 Statistics/Meta-Science",
                "2.4 Politics/Religion", "2.5 Psychology/Biology", "2.6 Technology",
                "2.7 Economics",
                "2.8 Fiction", "2.9 Miscellaneous",
            ])
        #expect(issue.sections.map(\.level) == [3, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    }

    @Test func noLinkOrTextComesFromThePageChrome() {
        let chromeHosts = [
            "substack.com/profile", "substack.com/@", "substack.com/signup", "substack.com/privacy",
            "substack.com/tos", "substackcdn.com", "enable-javascript.com", "/comment/",
            "app-store",
        ]
        for link in issue.allLinks {
            for host in chromeHosts {
                #expect(!(link.url ?? "").contains(host), "chrome link kept: \(link)")
            }
            #expect(
                !["Subscribe", "Share", "Sign in", "Privacy", "Terms", "Jetbat"].contains(link.text)
            )
        }
        let allText = issue.sections.map(\.text).joined(separator: "\n")
        for chrome in [
            "SubscribeSign in", "Discussion about this post", "ReplyShare", "Start your Substack",
            "I miss these", "This site requires JavaScript", "© 2026", "Ready for more?",
        ] {
            #expect(!allText.contains(chrome), "chrome text kept: \(chrome)")
        }
        #expect(!issue.sections.contains { $0.title.contains("Gwern.net Newsletter") })
    }

    @Test func metadataLinesAreNotReadingItems() {
        #expect(!issue.allLinks.contains { $0.url == "https://gwern.net" })
        #expect(!issue.sections.map(\.text).joined().contains("来源"))
    }

    @Test func linksSplitByEmphasisComeOutWholeAndOnce() {
        let crispr = issue.allLinks.filter {
            $0.url == "https://www.gwern.net/docs/genetics/editing/2021-musunuru.pdf"
        }
        #expect(
            crispr.map(\.text) == [
                "“In vivo CRISPR base editing of PCSK9 durably lowers cholesterol in primates”"
            ])
        let diplomacy = issue.allLinks.filter {
            $0.url == "http://grantland.com/features/diplomacy-the-board-game-of-the-alpha-nerds/"
        }
        #expect(
            diplomacy.map(\.text) == [
                "“The Board Game of the Alpha Nerds: Before Risk, before Dungeons& Dragons, before Magic: The Gathering, there was Diplomacy”"
            ])
        #expect(
            diplomacy.first?.title
                == "One writer enters international competition to play the world-conquering game that redefines what it means to be a geek (and a person)"
        )
        let review = issue.link(containing: "Book Review")
        #expect(review?.text == "“Book Review: The Decline and Fall of the Roman Empire”")
        let dagobert = issue.link(containing: "Dagobert")
        #expect(
            dagobert?.text.hasPrefix(
                "“The Strange Story of Dagobert, the Duck Tales Bandit: In the ’90s") == true)
    }

    @Test func escapedParenthesesAreUnescapedInURLsAndTooltips() {
        #expect(
            issue.allLinks.contains { $0.url == "https://en.wikipedia.org/wiki/Diplomacy_(game)" })
        let pfit = issue.link(containing: "P-FIT")
        #expect(pfit?.url == "https://www.gwern.net/docs/iq/2007-jung.pdf")
        #expect(
            pfit?.title
                == "'The Parieto-Frontal Integration Theory (P-FIT) of intelligence: Converging neuroimaging evidence', Jung & Haier 2007"
        )
    }

    @Test func sectionLinksKeepTheirTextURLAndTooltip() throws {
        let ai = try #require(issue.sections.first { $0.title == "2.1 AI" })
        let first = try #require(ai.links.first)
        #expect(first.text == "Matters Of Scale")
        #expect(first.url == "https://old.reddit.com/r/mlscaling/")
        let podracer = try #require(ai.links.first { $0.text.contains("Podracer") })
        #expect(podracer.text == "“Podracer architectures for scalable Reinforcement Learning”")
        #expect(podracer.url == "https://arxiv.org/abs/2104.06272#deepmind")
        #expect(podracer.title == nil)
        let gpipe = try #require(ai.links.first { $0.text == "GPipe" })
        #expect(
            gpipe.title
                == "'GPipe: Easy Scaling with Micro-Batch Pipeline Parallelism', Huang et al 2018")
        #expect(
            ai.links.contains { $0.text == "`lazy`: a tool for running processes in idle time" }
                == false)
        #expect(ai.links.contains { $0.text == "lazy: a tool for running processes in idle time" })
    }

    @Test func linkAnchorsPointAtTheLinkTextInTheSection() throws {
        for section in issue.sections {
            for link in section.links {
                let anchor = try #require(link.anchor)
                let utf8 = Array(section.text.utf8)
                let anchored = String(decoding: utf8[anchor], as: UTF8.self)
                #expect(
                    anchored.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                        == link.text)
            }
        }
    }

    @Test func sectionTextReadsAsProseWithLinksShownByTheirText() throws {
        let writings = try #require(issue.sections.first { $0.title == "1 Writings" })
        #expect(
            writings.text
                == "• Proposal : “Choose Your Own Adventure AI Dungeon”; “Decision Transformers: Preference Learning As Simple As Possible”"
        )
        let intro = issue.sections[0].text
        #expect(
            intro.hasPrefix(
                "May 2021’s Gwern.net newsletter is now out; previous, April 2021 (archives)."))
        #expect(intro.hasSuffix("Note: I will be in Denver 12–13 June 2021 for a conference."))
    }

    @Test func localFileAndFragmentLinksAreNotReadingItems() {
        #expect(!issue.allLinks.contains { ($0.url ?? "").hasPrefix("file:") })
        #expect(!issue.allLinks.contains { ($0.url ?? "").hasPrefix("#") })
    }
}
