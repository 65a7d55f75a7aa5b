import Dispatch
import QuireCore
import QuireUI

/// Searches off the UI thread, so typing never waits for a scan.
///
/// The index is built in the background once the reader is up, and beside it the
/// library's link places (reported as `linkPlacesBuilt`); each query runs on a
/// background queue. A newer query makes older ones stale: one still waiting is skipped,
/// one being scanned stops within a few thousand candidates. A query that extends the
/// previous one scans only that one's matches. When hits are ready, `onResults` wakes
/// the loop so they show at once rather than at the next key or tick.
public final class BackgroundSearchEngine: SearchEngine, @unchecked Sendable {
    private let queue = DispatchQueue(label: "quire.search", qos: .userInteractive)
    private let lock = PthreadLock()
    private var index: SearchIndex?
    private var latest = 0
    private var results: [Action] = []
    private let onResults: @Sendable () -> Void
    /// The reading speed `time<…` in a query counts at.
    private let wordsPerMinute: Int
    /// Recent queries searched to the end, oldest first, with what they found (touched
    /// only on `queue`): a query typed again (after a backspace) is answered from here,
    /// and one that extends a recent one scans only that one's matches.
    private var recent: [(query: String, outcome: SearchIndex.Outcome)] = []
    /// How many bytes of matches `recent` may hold in all: each outcome's are a bit per
    /// candidate (half a megabyte at 4 million), its hits at most 500.
    private let recentLimit = 8 << 20

    /// The newest library handed over and not yet indexed.
    private var pending: Library?
    /// A library is being indexed on the queue.
    private var indexing = false

    /// An engine for `library`; when it is not `complete` (still being read), more comes
    /// through `libraryChanged`, and link places wait for the whole of it.
    public init(
        library: Library, complete: Bool = true,
        wordsPerMinute: Int = ReadingTime.defaultWordsPerMinute,
        onResults: @escaping @Sendable () -> Void = {}
    ) {
        self.onResults = onResults
        self.wordsPerMinute = wordsPerMinute
        libraryChanged(library, complete: complete)
    }

    /// Indexes `library` on the search queue, after the searches already asked for; of
    /// several libraries handed over while one is indexed, only the newest is indexed
    /// next (a library being read grows faster than it can be indexed).
    public func libraryChanged(_ library: Library, complete: Bool) {
        if complete {
            // On a queue of its own, so no search waits behind it.
            DispatchQueue.global(qos: .utility).async { [weak self] in
                let places = LinkPlaces(library)
                self?.lock.withLock { self?.results.append(.linkPlacesBuilt(places)) }
                self?.onResults()
            }
        }
        let idle = lock.withLock {
            defer { pending = library }
            return pending == nil && !indexing
        }
        // While the library is read, it is indexed when a search needs it (`search`).
        if idle, complete { indexNext() }
    }

    private func indexNext() {
        queue.async { [weak self] in
            guard let self else { return }
            let library = self.lock.withLock {
                defer { self.pending = nil }
                self.indexing = self.pending != nil
                return self.pending
            }
            guard let library else { return }
            let built = SearchIndex(library, wordsPerMinute: self.wordsPerMinute)
            // What recent queries found was found in the index before.
            self.recent = []
            let more = self.lock.withLock {
                self.index = built
                self.indexing = false
                return self.pending != nil
            }
            if more { self.indexNext() }
        }
    }

    public func search(_ query: String, generation: Int, marks: ReadState) {
        let waiting = lock.withLock {
            latest = generation
            return pending != nil && !indexing
        }
        // What was read since the last index is indexed first (see `libraryChanged`).
        if waiting { indexNext() }
        queue.async { [weak self] in
            guard let self else { return }
            let (current, index) = self.lock.withLock { (self.latest, self.index) }
            guard generation == current, let index else { return }
            let stale: @Sendable () -> Bool = { [weak self] in
                guard let self else { return true }
                return self.lock.withLock { self.latest != generation }
            }
            let outcome: SearchIndex.Outcome
            if let known = self.recent.last(where: { $0.query == query }) {
                outcome = known.outcome
            } else {
                // A query that extends a recent one only needs to look at what it found.
                let base = self.recent.filter { SearchIndex.refines(query, $0.query) }
                    .max { $0.query.count < $1.query.count }
                outcome = index.run(
                    query, marks: marks, within: base?.outcome.matches, limit: 500,
                    isCancelled: stale)
                // A scan stopped part way holds only some matches: keep nothing of it.
                guard !stale() else { return }
                self.remember(query, outcome)
            }
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

    /// Keeps `outcome` among the recent ones; qualifiers (`is:unread`…) depend on marks
    /// that change, so such queries are not kept.
    private func remember(_ query: String, _ outcome: SearchIndex.Outcome) {
        guard !query.contains(":") else { return }
        recent.append((query, outcome))
        let each = outcome.matches.capacity / 8
        while recent.count * each > recentLimit || recent.count > 32, recent.count > 1 {
            recent.removeFirst()
        }
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { results = [] }
            return results
        }
    }
}
