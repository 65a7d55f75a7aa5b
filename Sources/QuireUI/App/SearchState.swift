import QuireCore

/// The `/` overlay: the query being typed, its hits, and where to return on `Esc`.
public struct SearchState: Equatable, Sendable {
    public var query = ""
    public var hits: [SearchIndex.Hit] = []
    /// How many entries matched (the hits shown may be fewer) and how many there are in
    /// all, for the count (`37/403536`).
    public var matched = 0
    public var total = 0
    public var selected = 0
    /// Which query the hits belong to; results for an older one are dropped.
    public var generation = 0
    /// The query the shown hits answer (while a newer one is being searched).
    public var answered: String?
    /// The fuzzy terms of `answered`, whose matched characters the hits highlight.
    public var pattern = FuzzyQuery("")
    /// Focus, filter and selection to restore on `Esc`.
    var returnTo: Saved

    /// Whether the query is empty or only spaces (nothing to search for).
    public var queryIsBlank: Bool { query.allSatisfy { $0 == " " } }

    struct Saved: Equatable, Sendable {
        var focus: Pane
        var selection: AppState.Selection
        var filter: Filter
    }
}

/// A search that was gone to, kept so that `n` and `N` step through its hits.
public struct LastSearch: Equatable, Sendable {
    public var query: String
    /// The hits the overlay had (the best 500 at most), best first.
    public var hits: [SearchIndex.Hit]
    /// How many entries matched in all.
    public var matched: Int
    /// Which hit the panes are on.
    public var position: Int
}
