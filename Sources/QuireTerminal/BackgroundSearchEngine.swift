import Dispatch
import QuireCore
import QuireUI
import Synchronization

/// Searches off the UI thread, so typing never waits for a scan.
///
/// The index is built in the background once the reader is up; each query runs on a
/// background queue. A newer query makes older ones stale: one still waiting is skipped,
/// one being scanned stops within a few thousand candidates. A query that extends the
/// previous one scans only that one's matches. When hits are ready, `onResults` wakes
/// the loop so they show at once rather than at the next key or tick.
public final class BackgroundSearchEngine: SearchEngine, Sendable {
    private let queue = DispatchQueue(label: "quire.search", qos: .userInteractive)
    /// What the UI thread and the search queue share.
    private struct Shared {
        var index: SearchIndex?
        /// The generation of the newest query asked for.
        var latest = 0
        var results: [Action] = []
    }
    private let shared = Mutex(Shared())
    private let onResults: @Sendable () -> Void
    /// Recent queries searched to the end, oldest first, with what they found (used only
    /// on `queue`, so never contended): a query typed again (after a backspace) is
    /// answered from here, and one that extends a recent one scans only that one's
    /// matches.
    private let recent = Mutex<[(query: String, outcome: SearchIndex.Outcome)]>([])
    /// How many matches `recent` may hold in all (8 bytes each).
    private let recentLimit = 2_000_000

    public init(library: Library, onResults: @escaping @Sendable () -> Void = {}) {
        self.onResults = onResults
        queue.async { [weak self] in
            let built = SearchIndex(library)
            self?.shared.withLock { $0.index = built }
        }
    }

    public func search(_ query: String, generation: Int, marks: ReadState) {
        shared.withLock { $0.latest = generation }
        queue.async { [weak self] in
            guard let self else { return }
            let (current, index) = self.shared.withLock { ($0.latest, $0.index) }
            guard generation == current, let index else { return }
            let stale: @Sendable () -> Bool = { [weak self] in
                guard let self else { return true }
                return self.shared.withLock { $0.latest != generation }
            }
            let outcome: SearchIndex.Outcome
            let recent = self.recent.withLock { $0 }
            if let known = recent.last(where: { $0.query == query }) {
                outcome = known.outcome
            } else {
                // A query that extends a recent one only needs to look at what it found.
                let base = recent.filter { SearchIndex.refines(query, $0.query) }
                    .max { $0.query.count < $1.query.count }
                outcome = index.run(
                    query, marks: marks, within: base?.outcome.matches, limit: 500,
                    isCancelled: stale)
                // A scan stopped part way holds only some matches: keep nothing of it.
                guard !stale() else { return }
                self.remember(query, outcome)
            }
            let delivered = self.shared.withLock { shared in
                guard generation == shared.latest else { return false }
                shared.results.append(
                    .searchResults(
                        generation: generation, hits: outcome.hits, matched: outcome.matched,
                        total: index.count))
                return true
            }
            if delivered { self.onResults() }
        }
    }

    /// Keeps `outcome` among the recent ones; qualifiers (`is:unread`…) depend on marks
    /// that change, so such queries are not kept.
    private func remember(_ query: String, _ outcome: SearchIndex.Outcome) {
        guard !query.contains(":") else { return }
        recent.withLock { recent in
            recent.append((query, outcome))
            var total = recent.reduce(0) { $0 + $1.outcome.matched }
            while (total > recentLimit || recent.count > 32), recent.count > 1 {
                total -= recent.removeFirst().outcome.matched
            }
        }
    }

    public func collect() -> [Action] {
        shared.withLock { shared in
            defer { shared.results = [] }
            return shared.results
        }
    }
}
