/// One document of the library: a newsletter issue, an episode's show notes, a thread.
public struct Issue: Hashable, Sendable {
    /// Stable id, from the issue's URL, or its kind, title and date; see `IssueAssembler`.
    public var id: ItemID
    /// The document's title.
    public var title: String
    /// What kind of document this is.
    public var kind: DocumentKind
    /// The file it was read from, as the user named it.
    public var path: String
    /// Where the document lives on the web, if it says.
    public var url: String?
    /// Publication date as an ISO 8601 date (`2021-06-11`), if the document gives one.
    public var date: String?
    /// The publication, show or forum it belongs to, if the document names it.
    public var source: String?
    /// A season/episode line (`Season 1 Episode 6`), for show notes.
    public var episode: String?
    /// The episode's length in whole seconds, when the document gives it.
    public var duration: Int?
    /// Sections in document order; `level` gives the nesting.
    public var sections: [Section]

    /// Creates an issue; the ids are filled in by `IssueIdentity`.
    public init(
        title: String, kind: DocumentKind, path: String, url: String? = nil, date: String? = nil,
        source: String? = nil, episode: String? = nil, duration: Int? = nil,
        sections: [Section] = [], id: ItemID = ItemID(rawValue: 0)
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.path = path
        self.url = url
        self.date = date
        self.source = source
        self.episode = episode
        self.duration = duration
        self.sections = sections
    }

    /// The episode's number: the last number of `episode` (`Season 1 Episode 6` → 6,
    /// `S2E14` → 14).
    public var episodeNumber: Int? {
        guard let episode else { return nil }
        let numbers = episode.split(whereSeparator: { !($0.isASCII && $0.isNumber) })
        return numbers.last.flatMap { Int($0) }
    }

    /// Every link of every section, in document order.
    public var allLinks: [Link] { sections.flatMap(\.links) }
}
