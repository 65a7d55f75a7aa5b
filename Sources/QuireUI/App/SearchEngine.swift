import QuireCore

/// Runs searches off the UI thread (or inline, for headless runs) and hands back results.
public protocol SearchEngine: AnyObject {
    /// Starts searching `query`; a newer call makes older ones stale.
    func search(_ query: String, generation: Int, marks: ReadState)
    /// Results that arrived since the last call.
    func collect() -> [Action]
}

/// A search engine that searches at once on the calling thread: for `quire render`,
/// tests, and small libraries.
public final class InlineSearchEngine: SearchEngine {
    private let index: SearchIndex
    private var results: [Action] = []

    public init(library: Library) { index = SearchIndex(library) }

    public func search(_ query: String, generation: Int, marks: ReadState) {
        let outcome = index.run(query, marks: marks, limit: 500)
        results.append(
            .searchResults(
                generation: generation, hits: outcome.hits, matched: outcome.matched,
                total: index.count))
    }

    public func collect() -> [Action] {
        defer { results = [] }
        return results
    }
}
