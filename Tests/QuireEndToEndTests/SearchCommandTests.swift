import Foundation
import Testing

@Suite("quire search")
struct SearchCommandTests {
    func search(_ arguments: String...) throws -> QuireProcess.Output {
        try QuireProcess.run(["search"] + arguments + ["--state", "/dev/null/none"])
    }

    @Test func printsKindTextPlaceAndURLBestFirst() throws {
        let result = try search("podracer", "--limit", "1")
        #expect(result.status == 0)
        #expect(
            result.stdout == "link\t“Podracer architectures for scalable Reinforcement Learning”\t"
                + "May 2021 Gwern.net Newsletter › 2.1 AI\thttps://arxiv.org/abs/2104.06272#deepmind\n"
        )
    }

    @Test func jsonCarriesIdsAndScores() throws {
        let result = try search("gans", "--limit", "3", "--format", "json")
        #expect(result.status == 0)
        let hits = try #require(
            try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
        #expect(hits.count == 3)
        #expect(hits.allSatisfy { ($0["id"] as? String)?.count == 16 && $0["score"] is Int })
        #expect(hits.allSatisfy { $0["read"] as? Bool == false && $0["starred"] as? Bool == false })
        #expect(hits.dropFirst().allSatisfy { $0["kind"] as? String == "section" })
        #expect(hits[1]["issue"] as? String == "Stability and combinations, with Aleksa Gordić")
    }

    @Test func qualifiersNarrowTheHits() throws {
        let result = try search("gordic in:issue kind:show-notes")
        #expect(
            result.stdout == "issue\tStability and combinations, with Aleksa Gordić\tshow-notes\n")
        let none = try search("gordic kind:thread in:issue")
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }
}
