import Foundation
import QuireCore
import Testing

@Suite("Stable ids")
struct IdentityTests {
    func ids(_ library: Library) -> [String] {
        library.issues.flatMap { issue in
            [issue.id.description]
                + issue.sections.flatMap { [$0.id.description] + $0.links.map(\.id.description) }
        }
    }

    @Test func idsAreTheSameAcrossRunsAndAfterMovingTheFolder() throws {
        let first = Ingestor.load([Seeds.folder])
        let second = Ingestor.load([Seeds.folder])
        #expect(ids(first) == ids(second))

        let copy = NSTemporaryDirectory() + "quire-moved-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: Seeds.folder, toPath: copy)
        let moved = Ingestor.load([copy])
        #expect(ids(moved) == ids(first))
        #expect(moved.issues.map(\.path) != first.issues.map(\.path))
    }

    @Test func editingOneSectionLeavesOtherIdsAlone() throws {
        let text = try String(contentsOfFile: Seeds.newsletterPath, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "  * [Krishnacore](https://en.wikipedia.org/wiki/Krishnacore)",
            with:
                "  * [Krishnacore](https://en.wikipedia.org/wiki/Krishnacore)\n\n  * [Something new](https://new.example/)"
        )
        #expect(edited != text)
        let before = Seeds.newsletter
        let after = Ingestor.parse(text: edited, path: "elsewhere/copy.md")
        #expect(after.id == before.id)
        #expect(after.sections.map(\.id) == before.sections.map(\.id))
        #expect(Set(before.allLinks.map(\.id)).isSubset(of: Set(after.allLinks.map(\.id))))
    }

    /// A section's id is the hash of its issue's id, its title and how many sections
    /// before it bear the same title, titles compared as strings are (canonically: `Café`
    /// composed or not, and the Kelvin sign and `K`, are one title).
    @Test func sectionsOfOneTitleAreCountedAsStringsCompare() {
        let titles = [
            "Notes", "Café", "Notes", "Cafe\u{301}", "K", "\u{212A}", "Notes", "Links",
        ]
        let text =
            "# Digest\n\n"
            + titles.enumerated().map { index, title in
                "## \(title)\n\n- [Item \(index)](https://example.com/\(index))\n"
            }.joined(separator: "\n")
        let issue = Ingestor.parse(text: text, path: "digest.md")
        #expect(issue.sections.map(\.title) == titles)
        let occurrences = [0, 0, 1, 1, 0, 1, 2, 0]
        let expected = zip(titles, occurrences).map { title, occurrence in
            ItemID(namespace: "section", key: "\(issue.id)\u{1}\(title)\u{1}\(occurrence)")
        }
        #expect(issue.sections.map(\.id) == expected)
    }

    @Test func aLinkIsOneReadingItemWhateverTheSpelling() {
        let a = Link(text: "x", url: "https://arxiv.org/abs/2104.06272#deepmind")
        let b = Link(
            text: "y", url: "HTTP://ArXiv.org:443/abs/2104.06272?utm_source=feed&utm_medium=rss")
        let c = Link(text: "z", url: "https://arxiv.org/abs/2104.06273")
        #expect(a.id == b.id)
        #expect(a.id != c.id)
        #expect(Link(text: "“A Title”", url: nil).id == Link(text: "a title", url: nil).id)
    }

    @Test func theSamePaperInTwoIssuesHasOneId() {
        let one = parse(
            "# One\n\n## A\n\n[P](https://arxiv.org/abs/1?utm_campaign=x) [q](https://q.example/) [r](https://r.example/)\n"
        )
        let two = parse(
            "# Two\n\n## B\n\n[Same paper](https://ARXIV.org/abs/1) [s](https://s.example/) [t](https://t.example/)\n"
        )
        #expect(one.allLinks[0].id == two.allLinks[0].id)
        #expect(one.id != two.id)
    }

    @Test func copiesOfOneDocumentGetIdsOfTheirOwn() throws {
        let folder = NSTemporaryDirectory() + "quire-copies-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a.txt", "b.txt"] {
            try "Same title\n\nSame text.\n".write(
                toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let library = Ingestor.load([folder])
        #expect(library.issues.count == 2)
        #expect(library.issues[0].id != library.issues[1].id)
        #expect(library.issues[0].id == parse("Same title\n\nSame text.\n").id)
    }
}
