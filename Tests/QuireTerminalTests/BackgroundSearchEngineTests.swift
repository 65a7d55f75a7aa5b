import Foundation
import QuireCore
import QuireTerminal
import QuireTestSupport
import QuireUI
import Testing

@Suite("background search")
struct BackgroundSearchEngineTests {
    final class Wakes: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func wake() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// Collects until results for `generation` arrive (polled; a scan of the seeds takes
    /// well under a millisecond, the deadline is only a guard against a hang).
    func results(
        _ engine: BackgroundSearchEngine, generation: Int
    ) throws -> (hits: [SearchIndex.Hit], matched: Int, generations: [Int]) {
        let deadline = Date().addingTimeInterval(10)
        var generations: [Int] = []
        while Date() < deadline {
            for action in engine.collect() {
                guard case .searchResults(let g, let hits, let matched, _) = action else {
                    continue
                }
                generations.append(g)
                if g == generation { return (hits, matched, generations) }
            }
            usleep(1_000)
        }
        Issue.record("no results for generation \(generation)")
        return ([], 0, generations)
    }

    func expected(_ query: String) -> (hits: [SearchIndex.Hit], matched: Int) {
        let outcome = SearchIndex(Fixtures.seeds).run(query, limit: 500)
        return (outcome.hits, outcome.matched)
    }

    /// Typing a query a key at a time, then backspacing and retyping: the last answer is
    /// what a fresh search gives, older generations never arrive after a newer one, and
    /// each delivery wakes the loop.
    @Test func typingAnswersTheLatestQueryAsAFreshSearchWould() throws {
        let wakes = Wakes()
        let engine = BackgroundSearchEngine(library: Fixtures.seeds, onResults: wakes.wake)
        let keys = ["d", "di", "dif", "diff", "dif", "diff", "diffu", "diffusion"]
        for (generation, query) in keys.enumerated() {
            engine.search(query, generation: generation + 1, marks: ReadState())
        }
        let last = try results(engine, generation: keys.count)
        #expect(last.generations == last.generations.sorted())
        let fresh = expected("diffusion")
        #expect(last.hits == fresh.hits)
        #expect(last.matched == fresh.matched)
        // The engine publishes results, then wakes the loop: the wake may come just after
        // the results were seen, so it is polled for too.
        let deadline = Date().addingTimeInterval(5)
        while wakes.value < 1, Date() < deadline { usleep(2_000) }
        #expect(wakes.value >= 1)
    }

    /// A query answered from the recent ones (after a backspace) is the same as a scan.
    @Test func aQueryTypedAgainIsAnsweredTheSame() throws {
        let engine = BackgroundSearchEngine(library: Fixtures.seeds)
        var generation = 0
        for query in ["gan", "gans", "gan", "ga", "gan s", "is:unread gan"] {
            generation += 1
            engine.search(query, generation: generation, marks: ReadState())
            let answer = try results(engine, generation: generation)
            let fresh = expected(query)
            #expect(answer.hits == fresh.hits, "\(query)")
            #expect(answer.matched == fresh.matched, "\(query)")
        }
    }
}
