import QuireCore

/// Indexes the library off the UI thread (or inline, for headless runs) and hands back
/// what it finds as actions: hits for each search, and once, where each link appears
/// (`linkPlacesBuilt`).
public protocol SearchEngine: AnyObject {
    /// Starts searching `query`; a newer call makes older ones stale.
    func search(_ query: String, generation: Int, marks: ReadState)
    /// Results and indexes that arrived since the last call.
    func collect() -> [Action]
    /// Indexes `library` in place of the one before (more of it was read); once it is
    /// `complete`, also works out where each link appears (`linkPlacesBuilt`).
    func libraryChanged(_ library: Library, complete: Bool)
}

/// A search engine that searches at once on the calling thread: for `quire render`,
/// tests, and small libraries.
public final class InlineSearchEngine: SearchEngine {
    private var index: SearchIndex
    private var results: [Action] = []
    private let wordsPerMinute: Int

    public init(library: Library, wordsPerMinute: Int = ReadingTime.defaultWordsPerMinute) {
        self.wordsPerMinute = wordsPerMinute
        index = SearchIndex(library, wordsPerMinute: wordsPerMinute)
        results = [.linkPlacesBuilt(LinkPlaces(library))]
    }

    public func libraryChanged(_ library: Library, complete: Bool) {
        index = SearchIndex(library, wordsPerMinute: wordsPerMinute)
        if complete { results.append(.linkPlacesBuilt(LinkPlaces(library))) }
    }

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
