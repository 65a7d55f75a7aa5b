import Dispatch
import QuireCore
import QuireUI

/// Searches off the UI thread, so typing never waits for a scan.
///
/// The index is built in the background once the reader is up; each query runs on a
/// background queue. A newer query makes older ones stale: one still waiting is skipped,
/// one being scanned stops within a few thousand candidates. A query that extends the
/// previous one scans only that one's matches. When hits are ready, `onResults` wakes
/// the loop so they show at once rather than at the next key or tick.
public final class BackgroundSearchEngine: SearchEngine, @unchecked Sendable {
    private let queue = DispatchQueue(label: "quire.search", qos: .userInteractive)
    private let lock = NSLockLike()
    private var index: SearchIndex?
    private var latest = 0
    private var results: [Action] = []
    private let onResults: @Sendable () -> Void
    /// The last query searched to the end and every entry it matched (touched only on
    /// `queue`).
    private var lastQuery = ""
    private var lastResults: SearchResults?

    public init(library: Library, onResults: @escaping @Sendable () -> Void = {}) {
        self.onResults = onResults
        queue.async { [weak self] in
            let built = SearchIndex(library)
            self?.lock.withLock { self?.index = built }
        }
    }

    public func search(_ query: String, generation: Int, marks: ReadState) {
        lock.withLock { latest = generation }
        queue.async { [weak self] in
            guard let self else { return }
            let (current, index) = self.lock.withLock { (self.latest, self.index) }
            guard generation == current, let index else { return }
            let stale: @Sendable () -> Bool = { [weak self] in
                guard let self else { return true }
                return self.lock.withLock { self.latest != generation }
            }
            // A query that extends the last one only needs to look at what that one found.
            let within =
                SearchIndex.refines(query, self.lastQuery) ? self.lastResults?.indices() : nil
            let outcome = index.run(
                query, marks: marks, within: within, limit: 500, isCancelled: stale)
            // A scan stopped part way holds only some matches: keep nothing of it.
            guard !stale() else { return }
            self.lastQuery = query
            self.lastResults = outcome.results
            let delivered = self.lock.withLock {
                guard generation == self.latest else { return false }
                self.results.append(
                    .searchResults(
                        generation: generation, hits: outcome.hits, matched: outcome.matched,
                        total: index.count))
                return true
            }
            if delivered { self.onResults() }
        }
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { results = [] }
            return results
        }
    }
}
