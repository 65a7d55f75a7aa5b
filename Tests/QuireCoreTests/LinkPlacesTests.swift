import QuireCore
import QuireTestSupport
import Testing

@Suite("Link places")
struct LinkPlacesTests {
    /// The places index agrees with a walk over every link of the library, for every link
    /// of the seeds plus documents that share links across issues and sections.
    @Test func placesAreEverySectionALinkIsIn() {
        let shared = "https://shared.example/paper"
        let library = Library(
            issues: Fixtures.seeds.issues
                + Fixtures.library([
                    (
                        "a.md",
                        "# A\n\n## One\n\n[p](\(shared)) [q](https://q.example/)\n\n## Two\n\n[p again](\(shared))\n"
                    ),
                    (
                        "b.md",
                        "# B\n\n## Three\n\n[p](\(shared))\n\n## Four\n\n[q](https://q.example/)\n"
                    ),
                ]).issues)
        let index = LinkPlaces(library)
        var walked: [ItemID: [[Int]]] = [:]
        for (i, issue) in library.issues.enumerated() {
            for (s, section) in issue.sections.enumerated() {
                for link in section.links {
                    walked[link.id, default: []].append([i, s])
                }
            }
        }
        for (id, places) in walked {
            let found = index.places(of: id).map { [$0.issue, $0.section] }
            #expect(found == (places.count > 1 ? places : []), "\(id)")
        }
        let paper = walked.keys.first { id in
            library.issues.flatMap(\.allLinks).contains { $0.id == id && $0.url == shared }
        }
        #expect(paper.map { index.places(of: $0).count } == 3)
        #expect(index.places(of: ItemID(rawValue: 42)).isEmpty)
    }
}
