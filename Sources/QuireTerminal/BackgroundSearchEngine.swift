import Dispatch
import QuireCore
import QuireUI

/// Searches off the UI thread: the index is built in the background once the reader is
/// up, each query runs on a background queue, and a query that a newer one replaced
/// while it waited is skipped, so typing never waits for a scan.
public final class BackgroundSearchEngine: SearchEngine, @unchecked Sendable {
    private let queue = DispatchQueue(label: "quire.search")
    private let lock = NSLockLike()
    private var index: SearchIndex?
    private var latest = 0
    private var results: [Action] = []
    /// The last query searched and every entry it matched (touched only on `queue`).
    private var lastQuery = ""
    private var lastMatches: [Int32]?

    public init(library: Library) {
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
            // A query that extends the last one only needs to look at what that one found.
            let within = SearchIndex.refines(query, self.lastQuery) ? self.lastMatches : nil
            let outcome = index.run(query, marks: marks, within: within, limit: 500)
            self.lastQuery = query
            self.lastMatches = outcome.matches
            self.lock.withLock {
                if generation == self.latest {
                    self.results.append(
                        .searchResults(
                            generation: generation, hits: outcome.hits, matched: outcome.matched,
                            total: index.entries.count))
                }
            }
        }
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { results = [] }
            return results
        }
    }
}
