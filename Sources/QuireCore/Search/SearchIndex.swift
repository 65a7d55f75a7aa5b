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
        /// The entry's index (`entry(_:)`).
        public var candidate: Int

        public init(entry: Entry, score: Int, candidate: Int = 0) {
            self.entry = entry
            self.score = score
            self.candidate = candidate
        }
    }

    /// Where each candidate lives, as parallel arrays (an `Entry` is made on access).
    private let entryKinds: [Kind]
    private let issueIndices: [UInt32]
    /// `UInt32.max` when absent.
    private let sectionIndices: [UInt32]
    private let linkIndices: [UInt32]
    /// Index into `hosts` (lower case, without `www.`); 0 when the entry has none.
    private let hostIndices: [UInt32]
    private let hosts: [String]
    private let library: Library
    private let issueKinds: [DocumentKind]
    private let candidates: CandidateSet

    /// How many entries there are.
    public var count: Int { entryKinds.count }

    /// The entry at `index`.
    public func entry(_ index: Int) -> Entry {
        let i = Int(issueIndices[index])
        let issue = library.issues[i]
        let s = sectionIndices[index] == .max ? nil : Int(sectionIndices[index])
        let l = linkIndices[index] == .max ? nil : Int(linkIndices[index])
        let id: ItemID
        if let s, let l {
            id = issue.sections[s].links.id(at: l)
        } else if let s {
            id = issue.sections[s].id
        } else {
            id = issue.id
        }
        let host = hostIndices[index] == 0 ? nil : hosts[Int(hostIndices[index])]
        return Entry(
            kind: entryKinds[index], issue: i, section: s, link: l, id: id, host: host)
    }

    /// Builds the index: every issue's candidates are written as bytes, issues in parallel.
    public init(_ library: Library) {
        let parts = library.issues.indices.map { $0 }.parallelMap { i in
            Columns(issue: i, library.issues[i])
        }
        var all = Columns()
        all.reserve(parts)
        for part in parts { all.append(part) }
        // Hosts interned: one string each, entries hold its number (0: none).
        var hosts: [String] = [""]
        var hostIDs: [String: UInt32] = [:]
        self.hostIndices = all.hosts.map { host in
            guard let host else { return 0 }
            if let id = hostIDs[host] { return id }
            let id = UInt32(hosts.count)
            hosts.append(host)
            hostIDs[host] = id
            return id
        }
        self.hosts = hosts
        self.entryKinds = all.kinds
        self.issueIndices = all.issues
        self.sectionIndices = all.sections
        self.linkIndices = all.links
        self.library = library
        self.issueKinds = library.issues.map(\.kind)
        // At equal scores, reading items first: links, then sections, then issues.
        self.candidates = CandidateSet(
            bytes: all.bytes, starts: all.starts, ends: all.ends,
            ranks: all.kinds.map(SearchIndex.rank))
    }

    /// Candidates being written: their bytes and where each lives, a column per field.
    private struct Columns: Sendable {
        var bytes: [UInt8] = []
        var starts: [UInt32] = []
        var ends: [UInt32] = []
        var kinds: [Kind] = []
        var issues: [UInt32] = []
        /// `UInt32.max` when absent.
        var sections: [UInt32] = []
        var links: [UInt32] = []
        var hosts: [String?] = []

        init() {}

        /// One issue's candidates: its title, then each section and its links.
        init(issue i: Int, _ issue: Issue) {
            add(.issue, issue: i, section: nil, link: nil) { bytes in
                bytes += issue.title.utf8
                if let source = issue.source {
                    bytes.append(32)
                    bytes += source.utf8
                }
                return nil
            }
            for (s, section) in issue.sections.enumerated() {
                add(.section, issue: i, section: s, link: nil) { bytes in
                    bytes += section.title.utf8
                    return nil
                }
                section.links.forEachUTF8 { l, text, url, title in
                    add(.link, issue: i, section: s, link: l) { bytes in
                        SearchIndex.writeLink(text: text, url: url, title: title, into: &bytes)
                    }
                }
            }
        }

        /// Adds a candidate whose text `write` appends, returning its host, if any.
        private mutating func add(
            _ kind: Kind, issue: Int, section: Int?, link: Int?,
            _ write: (inout [UInt8]) -> String?
        ) {
            starts.append(UInt32(bytes.count))
            hosts.append(write(&bytes))
            ends.append(UInt32(bytes.count))
            kinds.append(kind)
            issues.append(UInt32(issue))
            sections.append(section.map(UInt32.init) ?? .max)
            links.append(link.map(UInt32.init) ?? .max)
        }

        mutating func reserve(_ parts: [Columns]) {
            bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
            let rows = parts.reduce(0) { $0 + $1.kinds.count }
            starts.reserveCapacity(rows)
            ends.reserveCapacity(rows)
        }

        /// Appends `other`'s candidates after these.
        mutating func append(_ other: Columns) {
            let base = UInt32(bytes.count)
            bytes += other.bytes
            starts += other.starts.map { $0 + base }
            ends += other.ends.map { $0 + base }
            kinds += other.kinds
            issues += other.issues
            sections += other.sections
            links += other.links
            hosts += other.hosts
        }
    }

    /// Appends a link's candidate text (its text, host in lower case and path, and
    /// tooltip, space-separated); returns the host.
    private static func writeLink(
        text: UnsafeBufferPointer<UInt8>, url: UnsafeBufferPointer<UInt8>,
        title: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]
    ) -> String? {
        let start = bytes.count
        var host: String?
        bytes += text
        let (h, path) = URLParts.hostAndPath(url)
        if !h.isEmpty || !path.isEmpty {
            if bytes.count > start { bytes.append(32) }
            let hostStart = bytes.count
            for byte in h { bytes.append(byte &- 65 < 26 ? byte | 0x20 : byte) }
            if !h.isEmpty { host = String(decoding: bytes[hostStart...], as: UTF8.self) }
            bytes += path
        }
        if !title.isEmpty {
            if bytes.count > start { bytes.append(32) }
            bytes += title
        }
        return host
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
        /// Every hit, kept compact until asked for.
        public var results: SearchResults

        /// Every matching entry's index (to narrow a search that extends this one).
        public var matches: [Int32] { results.indices() }
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
        let narrowed =
            parsed.kinds.isEmpty && parsed.documentKinds.isEmpty && parsed.hosts.isEmpty
            && !parsed.unread && !parsed.starred
        let within: [Int32]? =
            narrowed
            ? earlier
            : (earlier ?? (0..<Int32(count)).map { $0 }).filter { index in
                let i = Int(index)
                if !parsed.kinds.isEmpty, !parsed.kinds.contains(entryKinds[i]) { return false }
                if !parsed.documentKinds.isEmpty,
                    !parsed.documentKinds.contains(issueKinds[Int(issueIndices[i])])
                {
                    return false
                }
                if !parsed.hosts.isEmpty {
                    let host = hosts[Int(hostIndices[i])]
                    guard !host.isEmpty,
                        parsed.hosts.contains(where: { host == $0 || host.hasSuffix("." + $0) })
                    else {
                        return false
                    }
                }
                if parsed.unread || parsed.starred {
                    let id = entry(i).id
                    if parsed.unread, marks.isRead(id) { return false }
                    if parsed.starred, !marks.isStarred(id) { return false }
                }
                return true
            }
        let results = candidates.scan(parsed.fuzzy, within: within, isCancelled: isCancelled)
        let hits = results.top(limit).map {
            Hit(entry: entry($0.index), score: $0.score, candidate: $0.index)
        }
        return Outcome(hits: hits, matched: results.count, results: results)
    }

    /// The fuzzy part of a query, once qualifiers are taken out (what a hit's
    /// characters are highlighted for).
    public static func fuzzyPart(of query: String) -> FuzzyQuery { Parsed(query).fuzzy }

    /// Bytes of searchable text, and bytes the index holds beyond it (offsets, masks,
    /// folded copies, and the entries saying where each candidate lives).
    public var memory: (text: Int, overhead: Int) {
        (
            candidates.textBytes,
            candidates.overheadBytes + count * (MemoryLayout<Kind>.stride + 4 * 4)
                + hosts.reduce(0) { $0 + $1.utf8.count + 16 }
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
        searchText(link, place: link.url.map(URLParts.hostAndPath) ?? ("", ""))
    }

    private static func searchText(_ link: Link, place: (String, String)) -> String {
        [link.text, place.0 + place.1, link.title ?? ""].filter { !$0.isEmpty }
            .joined(separator: " ")
    }

}
