import Foundation

/// Everything in a library that search can find, with where it lives.
///
/// Candidates are issue titles (with their show or publication), section titles (chapters
/// and posts included), and links (text, host and path, and tooltip in one string, so a
/// query can mix them: `diffusion arxiv`). Qualifiers in a query narrow the set:
/// `is:unread`, `is:starred`, `kind:newsletter|show-notes|thread|document`,
/// `in:issue|section|link`, `host:arxiv.org`, `time<10m` (an issue's or section's reading
/// time; a link's is its section's).
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

    /// Where a candidate lives (an `Entry` is made from it on access), and where a link's
    /// host (lower case) sits in the candidate's text; 16 bytes.
    private struct Place {
        var kind = Kind.issue
        /// 0 when the entry has no host.
        var hostLength: UInt8 = 0
        /// From the candidate's start.
        var hostOffset: UInt16 = 0
        var issue: UInt32 = 0
        /// `UInt32.max` when absent.
        var section: UInt32 = .max
        var link: UInt32 = .max
    }

    private let places: [Place]
    /// Every candidate's text (the buffer `candidates` searches), and where each starts;
    /// each ends where the next starts.
    private let bytes: [UInt8]
    private let starts: [UInt32]
    private let library: Library
    private let issueKinds: [DocumentKind]
    private let candidates: CandidateSet
    /// The reading speed `time<…` counts minutes at.
    public let wordsPerMinute: Int
    /// The library's words, counted the first time a query asks about reading time.
    private let times = CountedOnce()

    /// Reading times, counted once, on first use, by whichever search needs them.
    private final class CountedOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var times: ReadingTimes?

        func times(of library: Library) -> ReadingTimes {
            lock.lock()
            defer { lock.unlock() }
            if let times { return times }
            let counted = ReadingTimes(library)
            times = counted
            return counted
        }
    }

    /// How many entries there are.
    public var count: Int { places.count }

    /// The entry at `index`.
    public func entry(_ index: Int) -> Entry {
        let place = places[index]
        let i = Int(place.issue)
        let issue = library.issues[i]
        let s = place.section == .max ? nil : Int(place.section)
        let l = place.link == .max ? nil : Int(place.link)
        let id: ItemID
        if let s, let l {
            id = issue.sections[s].links.id(at: l)
        } else if let s {
            id = issue.sections[s].id
        } else {
            id = issue.id
        }
        let host = withHost(of: index) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        return Entry(kind: place.kind, issue: i, section: s, link: l, id: id, host: host)
    }

    /// The words an entry takes to read: an issue's, or its section's (a link's too).
    private func words(of index: Int, in times: ReadingTimes) -> Int {
        let place = places[index]
        let issue = library.issues[Int(place.issue)]
        return place.section == .max
            ? times.words(ofIssue: issue.id) ?? 0
            : times.words(ofSection: issue.sections[Int(place.section)].id) ?? 0
    }

    /// Calls `body` with the host of entry `index` as lower-case UTF-8 (empty if none).
    private func withHost<T>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let place = places[index]
        let start = Int(starts[index]) + Int(place.hostOffset)
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[start..<start + Int(place.hostLength)]))
        }
    }

    /// Builds the index: issues measured, then written in place, in parallel.
    ///
    /// Every column is allocated once at its final size (a first pass counts each issue's
    /// candidates and bytes), so building takes no more memory than the index keeps.
    public init(_ library: Library, wordsPerMinute: Int = ReadingTime.defaultWordsPerMinute) {
        self.wordsPerMinute = wordsPerMinute
        let issues = library.issues
        let sizes = issues.indices.map { $0 }.parallelMap { i -> (candidates: Int, bytes: Int) in
            var counter = ByteCounter()
            var candidates = 0
            Self.write(issues[i], into: &counter) { _, _, _, _, _ in candidates += 1 }
            return (candidates, counter.count)
        }
        var firstCandidate = [Int](repeating: 0, count: issues.count + 1)
        var firstByte = [Int](repeating: 0, count: issues.count + 1)
        for (i, size) in sizes.enumerated() {
            firstCandidate[i + 1] = firstCandidate[i] + size.candidates
            firstByte[i + 1] = firstByte[i] + size.bytes
        }
        let total = firstCandidate[issues.count]
        let byteTotal = firstByte[issues.count]
        precondition(byteTotal < UInt32.max, "too much text to index")
        var bytes = [UInt8](repeating: 0, count: byteTotal)
        var starts = [UInt32](repeating: 0, count: total)
        var places = [Place](repeating: Place(), count: total)
        bytes.withUnsafeMutableBufferPointer { b in
            starts.withUnsafeMutableBufferPointer { st in
                places.withUnsafeMutableBufferPointer { pl in
                    let columns = UncheckedSendable((b, st, pl))
                    let offsets = UncheckedSendable((firstCandidate, firstByte))
                    _ = parallelMap(count: issues.count) { i in
                        let (b, st, pl) = columns.value
                        var c = offsets.value.0[i]
                        var filler = ByteFiller(base: b.baseAddress!, count: offsets.value.1[i])
                        Self.write(issues[i], into: &filler) { kind, section, link, start, host in
                            st[c] = UInt32(start)
                            var place = Place(kind: kind, issue: UInt32(i))
                            if let section { place.section = UInt32(section) }
                            if let link { place.link = UInt32(link) }
                            if let host, host.lowerBound - start <= UInt16.max,
                                host.count <= UInt8.max
                            {
                                place.hostOffset = UInt16(host.lowerBound - start)
                                place.hostLength = UInt8(host.count)
                            }
                            pl[c] = place
                            c += 1
                        }
                        precondition(
                            c == offsets.value.0[i + 1] && filler.count == offsets.value.1[i + 1],
                            "issue \(i): measured and written differ")
                        return 0
                    }
                }
            }
        }
        self.places = places
        self.bytes = bytes
        self.starts = starts
        self.library = library
        self.issueKinds = issues.map(\.kind)
        // At equal scores, reading items first: links, then sections, then issues.
        self.candidates = CandidateSet(
            bytes: bytes, starts: starts, ends: Array(starts.dropFirst()) + [UInt32(byteTotal)],
            ranks: places.map { SearchIndex.rank($0.kind) })
    }

    /// Writes one issue's candidates into `sink`: its title, then each section and its
    /// links; calls `each` after each one with its kind, section, link, where its text
    /// starts and where its host (a link's) is in the sink.
    private static func write<Sink: CandidateSink>(
        _ issue: Issue, into sink: inout Sink,
        each: (Kind, Int?, Int?, Int, Range<Int>?) -> Void
    ) {
        var start = sink.count
        sink.append(issue.title)
        if let source = issue.source {
            sink.append(32)
            sink.append(source)
        }
        each(.issue, nil, nil, start, nil)
        for (s, section) in issue.sections.enumerated() {
            start = sink.count
            sink.append(section.title)
            each(.section, s, nil, start, nil)
            section.links.forEachUTF8 { l, text, url, title in
                start = sink.count
                let host = writeLink(text: text, url: url, title: title, into: &sink)
                each(.link, s, l, start, host)
            }
        }
    }

    /// Appends a link's candidate text (its text, host in lower case and path, and
    /// tooltip, space-separated); returns where the host is.
    private static func writeLink<Sink: CandidateSink>(
        text: UnsafeBufferPointer<UInt8>, url: UnsafeBufferPointer<UInt8>,
        title: UnsafeBufferPointer<UInt8>, into sink: inout Sink
    ) -> Range<Int>? {
        let start = sink.count
        var host: Range<Int>?
        sink.append(text)
        let (h, path) = URLParts.hostAndPath(url)
        if !h.isEmpty || !path.isEmpty {
            if sink.count > start { sink.append(32) }
            let hostStart = sink.count
            for byte in h { sink.append(byte &- 65 < 26 ? byte | 0x20 : byte) }
            if !h.isEmpty { host = hostStart..<sink.count }
            sink.append(path)
        }
        if !title.isEmpty {
            if sink.count > start { sink.append(32) }
            sink.append(title)
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
        let times = parsed.times.isEmpty ? ReadingTimes() : self.times.times(of: library)
        let narrowed =
            parsed.kinds.isEmpty && parsed.documentKinds.isEmpty && parsed.hosts.isEmpty
            && !parsed.unread && !parsed.starred && parsed.times.isEmpty
        let within: [Int32]? =
            narrowed
            ? earlier
            : (earlier ?? (0..<Int32(count)).map { $0 }).filter { index in
                let i = Int(index)
                if !parsed.kinds.isEmpty, !parsed.kinds.contains(places[i].kind) { return false }
                if !parsed.documentKinds.isEmpty,
                    !parsed.documentKinds.contains(issueKinds[Int(places[i].issue)])
                {
                    return false
                }
                if !parsed.hosts.isEmpty {
                    let matches = withHost(of: i) { host in
                        !host.isEmpty
                            && parsed.hosts.contains { wanted in
                                Self.host(host, isOrIsUnder: wanted)
                            }
                    }
                    guard matches else { return false }
                }
                if !parsed.times.isEmpty {
                    let minutes = ReadingTime.minutes(
                        words: words(of: i, in: times), wordsPerMinute: wordsPerMinute)
                    guard parsed.times.allSatisfy({ $0.holds(for: minutes) }) else { return false }
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
            candidates.overheadBytes + count * MemoryLayout<Place>.stride
        )
    }

    /// Whether `host` (lower-case UTF-8) is `wanted` or a subdomain of it.
    private static func host(_ host: UnsafeBufferPointer<UInt8>, isOrIsUnder wanted: String)
        -> Bool
    {
        let wanted = Array(wanted.utf8)
        guard host.count >= wanted.count else { return false }
        let tail = host.count - wanted.count
        guard host[tail...].elementsEqual(wanted) else { return false }
        return tail == 0 || host[tail - 1] == UInt8(ascii: ".")
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

/// Where `SearchIndex` writes candidate text: counted first, then written in place.
private protocol CandidateSink {
    /// Bytes written so far (for a filler, the offset in the whole buffer).
    var count: Int { get }
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension CandidateSink {
    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }

    mutating func append(_ bytes: Substring.UTF8View) {
        for byte in bytes { append(byte) }
    }
}

/// Counts what would be written.
private struct ByteCounter: CandidateSink {
    var count = 0
    mutating func append(_ byte: UInt8) { count += 1 }
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { count += bytes.count }
}

/// Writes into a buffer sized by a `ByteCounter` pass.
private struct ByteFiller: CandidateSink {
    let base: UnsafeMutablePointer<UInt8>
    var count: Int

    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
