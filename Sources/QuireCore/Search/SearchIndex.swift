/// Everything in a library that search can find, with where it lives.
///
/// Candidates are issue titles (with their show or publication), section titles (chapters
/// and posts included), and links (text, host and path, and tooltip in one string, so a
/// query can mix them: `diffusion arxiv`). Qualifiers in a query narrow the set:
/// `is:unread`, `is:starred`, `kind:newsletter|show-notes|thread|document`,
/// `in:issue|section|link`, `host:arxiv.org`.
public struct SearchIndex: Sendable {
    /// What a candidate is.
    public enum Kind: String, Sendable, CaseIterable { case issue, section, link }

    /// One searchable thing and where it is.
    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var issue: Int
        public var section: Int?
        public var link: Int?
        /// The item that carries its marks (link id, section id, issue id).
        public var id: ItemID
        public var host: String?
    }

    /// A ranked result.
    public struct Hit: Sendable, Equatable {
        public var entry: Entry
        public var score: Int
        /// The entry's index in `entries`.
        public var candidate: Int

        public init(entry: Entry, score: Int, candidate: Int = 0) {
            self.entry = entry
            self.score = score
            self.candidate = candidate
        }
    }

    /// Whether the hits of `old` contain every hit of `new`: `new` only adds characters to
    /// plain terms (no `|`, `!`, anchors or qualifiers that a longer query could loosen).
    public static func refines(_ new: String, _ old: String) -> Bool {
        guard !old.isEmpty, new.hasPrefix(old) else { return false }
        return !new.contains { "|!'^$:".contains($0) }
    }

    public let entries: [Entry]
    private let candidates: CandidateSet
    private let kinds: [DocumentKind]

    public init(_ library: Library) {
        var entries: [Entry] = []
        var strings: [String] = []
        for (i, issue) in library.issues.enumerated() {
            entries.append(
                Entry(kind: .issue, issue: i, section: nil, link: nil, id: issue.id, host: nil))
            strings.append([issue.title, issue.source ?? ""].joined(separator: " "))
            for (s, section) in issue.sections.enumerated() {
                entries.append(
                    Entry(
                        kind: .section, issue: i, section: s, link: nil, id: section.id, host: nil))
                strings.append(section.title)
                for l in section.links.indices {
                    let link = section.links[l]
                    let place = link.url.map(SearchIndex.hostAndPath) ?? ("", "")
                    entries.append(
                        Entry(
                            kind: .link, issue: i, section: s, link: l, id: link.id,
                            host: place.0.isEmpty ? nil : place.0))
                    strings.append(SearchIndex.searchText(link, place: place))
                }
            }
        }
        self.entries = entries
        // At equal scores, reading items first: links, then sections, then issues.
        self.candidates = CandidateSet(strings, ranks: entries.map { SearchIndex.rank($0.kind) })
        self.kinds = library.issues.map(\.kind)
    }

    /// The searchable text of an entry.
    public func text(of entry: Int) -> String { candidates.string(at: entry) }

    /// Entries matching `query` (fzf syntax plus qualifiers), best first.
    public func search(_ query: String, marks: ReadState = ReadState(), limit: Int = .max) -> [Hit]
    {
        run(query, marks: marks, limit: limit).hits
    }

    /// What one search found: the best hits, how many matched, and every match.
    public struct Outcome: Sendable {
        /// The best hits, best first, at most the limit asked for.
        public var hits: [Hit]
        /// How many entries matched in all.
        public var matched: Int
        /// Every matching entry's index (to narrow a search that extends this one).
        public var matches: [Int32]
    }

    /// Searches `query`, materialising only the best `limit` hits.
    ///
    /// `within` limits the scan to the entries of an earlier outcome (a query that extends
    /// the earlier one can match no others).
    public func run(
        _ query: String, marks: ReadState = ReadState(), within earlier: [Int32]? = nil,
        limit: Int = .max, isCancelled: (@Sendable () -> Bool)? = nil
    ) -> Outcome {
        let parsed = Parsed(query)
        let (kindsWanted, documentKinds, hosts) = (parsed.kinds, parsed.documentKinds, parsed.hosts)
        let (unread, starred) = (parsed.unread, parsed.starred)
        let narrowed =
            kindsWanted.isEmpty && documentKinds.isEmpty && hosts.isEmpty && !unread && !starred
        let within: [Int32]? =
            narrowed
            ? earlier
            : (earlier ?? (0..<Int32(entries.count)).map { $0 }).filter { index in
                let entry = entries[Int(index)]
                if !kindsWanted.isEmpty, !kindsWanted.contains(entry.kind) { return false }
                if !documentKinds.isEmpty, !documentKinds.contains(kinds[entry.issue]) {
                    return false
                }
                if !hosts.isEmpty {
                    guard let host = entry.host,
                        hosts.contains(where: { host == $0 || host.hasSuffix("." + $0) })
                    else {
                        return false
                    }
                }
                if unread, marks.isRead(entry.id) { return false }
                if starred, !marks.isStarred(entry.id) { return false }
                return true
            }
        let results = candidates.scan(parsed.fuzzy, within: within, isCancelled: isCancelled)
        let hits = results.top(limit).map {
            Hit(entry: entries[$0.index], score: $0.score, candidate: $0.index)
        }
        return Outcome(hits: hits, matched: results.count, matches: results.indices())
    }

    /// The fuzzy part of a query, once qualifiers are taken out (what a hit's
    /// characters are highlighted for).
    public static func fuzzyPart(of query: String) -> FuzzyQuery { Parsed(query).fuzzy }

    /// A query split into its qualifiers and its fuzzy terms.
    private struct Parsed {
        var fuzzy: FuzzyQuery
        var kinds: Set<Kind> = []
        var documentKinds: Set<DocumentKind> = []
        var hosts: [String] = []
        var unread = false
        var starred = false

        init(_ query: String) {
            var terms: [Substring] = []
            for token in query.split(separator: " ") {
                let lower = token.lowercased()
                if lower.hasPrefix("in:"), let kind = Kind(rawValue: String(lower.dropFirst(3))) {
                    kinds.insert(kind)
                } else if lower.hasPrefix("kind:"),
                    let kind = DocumentKind(rawValue: String(lower.dropFirst(5)))
                {
                    documentKinds.insert(kind)
                } else if lower.hasPrefix("host:"), lower.count > 5 {
                    hosts.append(String(lower.dropFirst(5)))
                } else if lower == "is:unread" {
                    unread = true
                } else if lower == "is:starred" {
                    starred = true
                } else {
                    terms.append(token)
                }
            }
            fuzzy = FuzzyQuery(terms.joined(separator: " "))
        }
    }

    /// Bytes of searchable text, and bytes the index holds beyond it (offsets, masks,
    /// folded copies, and the entries saying where each candidate lives).
    public var memory: (text: Int, overhead: Int) {
        (
            candidates.textBytes,
            candidates.overheadBytes + entries.count * MemoryLayout<Entry>.stride
                + entries.reduce(0) { $0 + ($1.host?.utf8.count ?? 0) }
        )
    }

    private static func rank(_ kind: Kind) -> UInt8 {
        switch kind {
        case .link: 0
        case .section: 1
        case .issue: 2
        }
    }

    /// What search matches a link against: its text, host and path, and tooltip.
    public static func searchText(of link: Link) -> String {
        searchText(link, place: link.url.map(hostAndPath) ?? ("", ""))
    }

    private static func searchText(_ link: Link, place: (String, String)) -> String {
        [link.text, place.0 + place.1, link.title ?? ""].joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// `("arxiv.org", "/abs/2104.06272")` from a URL; `www.` dropped from the host.
    static func hostAndPath(_ url: String) -> (String, String) {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let hostEnd =
            rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return (host, String(rest[hostEnd...]))
    }
}
