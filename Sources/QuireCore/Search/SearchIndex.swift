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

    /// The library searched: candidates' text is read from it, never copied.
    private let library: Library
    private let issueKinds: [DocumentKind]
    /// The index of each issue's candidate (its title), and the count at the end; an
    /// issue's candidates are its own, then each section's.
    private let issueStarts: [UInt32]
    /// Where each issue's sections start in `sectionStarts`, and their count at the end.
    private let issueSections: [UInt32]
    /// The index of each section's candidate (its title, followed by its links), every
    /// issue's sections one after another.
    private let sectionStarts: [UInt32]
    /// `CharacterMask` of each candidate's text, as written and folded: a query needing a
    /// character a candidate lacks skips it without gathering its text.
    /// (Set once, after the rest: gathering needs the index.)
    private var masks: [UInt64]
    /// The candidates whose text folding changes beyond ASCII case (accents, full-width
    /// Latin): the scan folds those before matching.
    private var folds: CandidateBits
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

    /// Where a candidate lives: its issue, and its section and link when it has them.
    private struct Place {
        var issue: Int
        var section: Int?
        var link: Int?

        var kind: Kind { link != nil ? .link : section != nil ? .section : .issue }
    }

    /// How many entries there are.
    public var count: Int { masks.count }

    /// The entry at `index`.
    public func entry(_ index: Int) -> Entry {
        let place = locate(index)
        let issue = library.issues[place.issue]
        var host: String?
        let id: ItemID
        if let s = place.section, let l = place.link {
            let links = issue.sections[s].links
            id = links.id(at: l)
            host = URLParts.host(of: links[l].url).flatMap { $0.isEmpty ? nil : $0 }
        } else if let s = place.section {
            id = issue.sections[s].id
        } else {
            id = issue.id
        }
        return Entry(
            kind: place.kind, issue: place.issue, section: place.section, link: place.link, id: id,
            host: host)
    }

    /// The id that carries the marks of the candidate at `place`.
    private func id(_ place: Place, _ links: SectionLinks.UTF8Parts?) -> ItemID {
        let issue = library.issues[place.issue]
        if let l = place.link, let links { return links.id(l) }
        if let s = place.section { return issue.sections[s].id }
        return issue.id
    }

    /// The words an entry takes to read: an issue's, or its section's (a link's too).
    private func words(of place: Place, in times: ReadingTimes) -> Int {
        let issue = library.issues[place.issue]
        guard let s = place.section else { return times.words(ofIssue: issue.id) ?? 0 }
        return times.words(ofSection: issue.sections[s].id) ?? 0
    }

    /// Where candidate `index` lives (binary searches over issues, then their sections).
    private func locate(_ index: Int) -> Place {
        let target = UInt32(index)
        let issue = Self.last(in: issueStarts, 0..<issueStarts.count - 1, atMost: target)
        guard issueStarts[issue] != target else { return Place(issue: issue) }
        let sections = Int(issueSections[issue])..<Int(issueSections[issue + 1])
        let slot = Self.last(in: sectionStarts, sections, atMost: target)
        let link = index - Int(sectionStarts[slot]) - 1
        return Place(issue: issue, section: slot - sections.lowerBound, link: link < 0 ? nil : link)
    }

    /// The last position in `range` (not empty, its first value at most `value`) whose
    /// value is at most `value`; `values` ascend.
    private static func last(in values: [UInt32], _ range: Range<Int>, atMost value: UInt32) -> Int
    {
        var low = range.lowerBound
        var high = range.upperBound
        while high - low > 1 {
            let middle = (low + high) / 2
            if values[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// Builds the index: where each issue's and section's candidates start, and each
    /// candidate's character mask, gathered on every core.
    ///
    /// It holds no text: 8 bytes per candidate and 4 per section and issue, beside the
    /// library it reads.
    public init(_ library: Library, wordsPerMinute: Int = ReadingTime.defaultWordsPerMinute) {
        self.wordsPerMinute = wordsPerMinute
        self.library = library
        let issues = library.issues
        var issueStarts: [UInt32] = []
        var issueSections: [UInt32] = []
        var sectionStarts: [UInt32] = []
        issueStarts.reserveCapacity(issues.count + 1)
        issueSections.reserveCapacity(issues.count + 1)
        var total = 0
        for issue in issues {
            issueStarts.append(UInt32(truncatingIfNeeded: total))
            issueSections.append(UInt32(sectionStarts.count))
            total += 1
            for section in issue.sections {
                sectionStarts.append(UInt32(truncatingIfNeeded: total))
                total += 1 + section.links.count
            }
        }
        precondition(total < SortKey.maxCandidates, "too many candidates to index")
        issueStarts.append(UInt32(total))
        issueSections.append(UInt32(sectionStarts.count))
        self.issueStarts = issueStarts
        self.issueSections = issueSections
        self.sectionStarts = sectionStarts
        self.issueKinds = issues.map(\.kind)
        self.masks = []
        self.folds = CandidateBits(capacity: 0)
        var masks = [UInt64](repeating: 0, count: total)
        var folds = CandidateBits(capacity: total)
        let parts = Self.parts(of: total)
        masks.withUnsafeMutableBufferPointer { m in
            folds.withUnsafeMutableWords { f in
                let shared = UncheckedSendable((self, m, f))
                _ = parallelMap(count: parts.count) { chunk in
                    let (index, m, f) = shared.value
                    var scratch = Scratch()
                    defer { scratch.free() }
                    CharacterMask.table.withUnsafeBufferPointer { table in
                        index.walk(parts[chunk]) { i, place, links in
                            let line = index.gather(place, links, into: &scratch)
                            var mask = CharacterMask.of(line, table: table)
                            if mask & CharacterMask.nonASCII != 0,
                                TextFolding.changesBeyondASCIICase(line)
                            {
                                mask |= scratch.folded(line) { CharacterMask.of($0, table: table) }
                                CandidateBits.insert(i, into: f)
                            }
                            m[i] = mask
                            return true
                        }
                    }
                    return 0
                }
            }
        }
        self.masks = masks
        self.folds = folds
    }

    /// `0..<count` cut into parts for the cores, each of whole 64-candidate words of a
    /// `CandidateBits`, so that no two parts write to one word.
    private static func parts(of count: Int) -> [Range<Int>] {
        let words = (count + 63) / 64
        let chunks = words < 64 ? 1 : 16
        return (0..<chunks).map { chunk in
            min(count, words * chunk / chunks * 64)..<min(count, words * (chunk + 1) / chunks * 64)
        }
    }

    /// Calls `body` for each candidate in `range` (those in `only`, when given), ascending.
    ///
    /// `body` gets the index, where the candidate is and, for a link, its section's links
    /// borrowed: the walk opens each section once. `body` returning false ends the walk.
    private func walk(
        _ range: Range<Int>, only: CandidateBits? = nil,
        _ body: (Int, Place, SectionLinks.UTF8Parts?) -> Bool
    ) {
        guard let only else { return walk(range, words: nil, body) }
        only.withUnsafeWords { walk(range, words: $0, body) }
    }

    /// `walk(_:only:_:)` with the set's words borrowed (nil: every candidate).
    private func walk(
        _ range: Range<Int>, words: UnsafeBufferPointer<UInt64>?,
        _ body: (Int, Place, SectionLinks.UTF8Parts?) -> Bool
    ) {
        let issues = library.issues
        let upper = range.upperBound
        @inline(__always) func next(_ index: Int) -> Int {
            guard let words else { return index }
            return CandidateBits.next(in: words, from: index, below: upper)
        }
        var index = next(range.lowerBound)
        var going = true
        while going, index < upper {
            let place = locate(index)
            guard let s = place.section, place.link != nil else {
                going = body(index, place, nil)
                index = next(index + 1)
                continue
            }
            // The rest of this section's links, with the section opened once.
            let slot = Int(issueSections[place.issue]) + s
            let first = Int(sectionStarts[slot]) + 1
            let end = min(
                upper,
                slot + 1 < Int(issueSections[place.issue + 1])
                    ? Int(sectionStarts[slot + 1]) : Int(issueStarts[place.issue + 1]))
            issues[place.issue].sections[s].links.withUTF8Parts { links in
                while going, index < end {
                    going = body(
                        index, Place(issue: place.issue, section: s, link: index - first), links)
                    index = next(index + 1)
                }
            }
        }
    }

    /// The text of the candidate at `place`, written into `scratch`.
    ///
    /// An issue's title and its show or publication; a section's title; a link's text, its
    /// host in lower case and path, and its tooltip, space-separated. Valid until `scratch`
    /// is written again.
    private func gather(
        _ place: Place, _ links: SectionLinks.UTF8Parts?, into scratch: inout Scratch
    ) -> UnsafeBufferPointer<UInt8> {
        scratch.count = 0
        if let l = place.link, let links {
            let (text, url, title) = links.link(l)
            let (host, path) = URLParts.hostAndPath(url)
            scratch.reserve(text.count + host.count + path.count + title.count + 2)
            let out = scratch.start
            var n = Scratch.copy(text, to: out)
            if !host.isEmpty || !path.isEmpty {
                if n > 0 {
                    out[n] = 32
                    n += 1
                }
                n += Scratch.copyLowercased(host, to: out + n)
                n += Scratch.copy(path, to: out + n)
            }
            if !title.isEmpty {
                if n > 0 {
                    out[n] = 32
                    n += 1
                }
                n += Scratch.copy(title, to: out + n)
            }
            scratch.count = n
        } else if let s = place.section {
            scratch.append(library.issues[place.issue].sections[s].title)
        } else {
            let issue = library.issues[place.issue]
            scratch.append(issue.title)
            if let source = issue.source {
                scratch.append(32)
                scratch.append(source)
            }
        }
        return scratch.buffer
    }

    /// The searchable text of an entry.
    public func text(of entry: Int) -> String {
        var scratch = Scratch()
        defer { scratch.free() }
        var text = ""
        walk(entry..<entry + 1) { _, place, links in
            text = String(decoding: gather(place, links, into: &scratch), as: UTF8.self)
            return false
        }
        return text
    }

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
        /// Every matching entry (to narrow a search that extends this one).
        public var matches: CandidateBits
    }

    /// Searches `query`, materialising only the best `limit` hits.
    ///
    /// `within` limits the scan to the entries of an earlier outcome (a query that extends
    /// the earlier one can match no others).
    public func run(
        _ query: String, marks: ReadState = ReadState(), within earlier: CandidateBits? = nil,
        limit: Int = .max, isCancelled: (@Sendable () -> Bool)? = nil
    ) -> Outcome {
        let parsed = Parsed(query)
        let times = parsed.times.isEmpty ? ReadingTimes() : self.times.times(of: library)
        let narrowed =
            parsed.kinds.isEmpty && parsed.documentKinds.isEmpty && parsed.hosts.isEmpty
            && !parsed.unread && !parsed.starred && parsed.times.isEmpty
        var within = earlier
        if !narrowed {
            var kept = CandidateBits(capacity: count)
            var scratch = Scratch()
            defer { scratch.free() }
            walk(0..<count, only: earlier) { index, place, links in
                if !parsed.kinds.isEmpty, !parsed.kinds.contains(place.kind) { return true }
                if !parsed.documentKinds.isEmpty,
                    !parsed.documentKinds.contains(issueKinds[place.issue])
                {
                    return true
                }
                if !parsed.hosts.isEmpty {
                    guard let l = place.link, let links else { return true }
                    let raw = URLParts.hostAndPath(links.url(l)).0
                    scratch.count = 0
                    scratch.reserve(raw.count)
                    let host = UnsafeBufferPointer(
                        start: scratch.start, count: Scratch.copyLowercased(raw, to: scratch.start))
                    guard !host.isEmpty,
                        parsed.hosts.contains(where: { Self.host(host, isOrIsUnder: $0) })
                    else { return true }
                }
                if !parsed.times.isEmpty {
                    let minutes = ReadingTime.minutes(
                        words: words(of: place, in: times), wordsPerMinute: wordsPerMinute)
                    guard parsed.times.allSatisfy({ $0.holds(for: minutes) }) else { return true }
                }
                if parsed.unread || parsed.starred {
                    let id = id(place, links)
                    if parsed.unread, marks.isRead(id) { return true }
                    if parsed.starred, !marks.isStarred(id) { return true }
                }
                kept.insert(index)
                return true
            }
            within = kept
        }
        return scan(parsed.fuzzy, only: within, limit: limit, isCancelled: isCancelled)
    }

    /// Scans for `query`, each part of the candidates on a core of its own, keeping each
    /// part's best `limit` hits and a bit for every match.
    ///
    /// A candidate whose mask lacks a character the query needs is passed over; the text
    /// of the others is gathered from the library and scored. `isCancelled` is asked
    /// every few thousand candidates; once it says yes the scan ends with what it has.
    private func scan(
        _ query: FuzzyQuery, only: CandidateBits?, limit: Int,
        isCancelled: (@Sendable () -> Bool)?
    ) -> Outcome {
        var matches = CandidateBits(capacity: count)
        guard count > 0 else { return Outcome(hits: [], matched: 0, matches: matches) }
        let compiled = CompiledQuery(query)
        let required = query.isEmpty ? 0 : compiled.required
        let parts = Self.parts(of: count)
        // A part's keys are cut to its best `limit` whenever they reach twice that.
        let trimAt = limit >= Int.max / 2 ? Int.max : max(2 * limit, 1024)
        let found = compiled.withPointers { q in
            matches.withUnsafeMutableWords { bits in
                masks.withUnsafeBufferPointer { m in
                    folds.withUnsafeWords { f in
                        let shared = UncheckedSendable((self, q, only, m, f, bits))
                        return parallelMap(count: parts.count) {
                            chunk -> (run: [UInt64], matched: Int) in
                            let (index, q, only, masks, folds, bits) = shared.value
                            var scratch = Scratch()
                            defer { scratch.free() }
                            var run: [UInt64] = []
                            var matched = 0
                            var seen = 0
                            index.walk(parts[chunk], only: only) { i, place, links in
                                seen += 1
                                if seen & 4095 == 0, let isCancelled, isCancelled() { return false }
                                let mask = masks[i]
                                guard mask & required == required else { return true }
                                let line = index.gather(place, links, into: &scratch)
                                let score: Int?
                                if query.isEmpty {
                                    score = 0
                                } else if CandidateBits.contains(i, in: folds) {
                                    score = scratch.folded(line) {
                                        FuzzyMatcher.score(q, original: line, folded: $0)
                                    }
                                } else {
                                    score = FuzzyMatcher.score(q, original: line, folded: nil)
                                }
                                guard let score else { return true }
                                CandidateBits.insert(i, into: bits)
                                matched += 1
                                run.append(
                                    SortKey.make(
                                        score: score, rank: Self.rank(place.kind),
                                        length: line.count, index: i))
                                if run.count >= trimAt {
                                    SearchResults.moveSmallestFirst(&run, limit)
                                    run.removeLast(run.count - limit)
                                }
                                return true
                            }
                            return (run, matched)
                        }
                    }
                }
            }
        }
        let best = SearchResults(runs: found.map { $0.run }).top(limit)
        return Outcome(
            hits: best.map { Hit(entry: entry($0.index), score: $0.score, candidate: $0.index) },
            matched: found.reduce(0) { $0 + $1.matched }, matches: matches)
    }

    /// The fuzzy part of a query, once qualifiers are taken out (what a hit's
    /// characters are highlighted for).
    public static func fuzzyPart(of query: String) -> FuzzyQuery { Parsed(query).fuzzy }

    /// Bytes the index holds: its own (masks and where candidates start), beside the
    /// library whose text it reads in place.
    public var memory: Int {
        masks.count * 8 + folds.capacity / 8
            + (issueStarts.count + issueSections.count + sectionStarts.count) * 4
            + issueKinds.count * MemoryLayout<DocumentKind>.stride
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

/// A growing byte buffer a scan writes each candidate's text into, and a second one for
/// its folded copy; freed by its owner.
private struct Scratch {
    private var base: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    var count = 0
    private var folding: UnsafeMutablePointer<UInt8>?
    private var foldingCapacity = 0

    /// What has been written.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Where writing starts, once `reserve` has made room.
    var start: UnsafeMutablePointer<UInt8> { base! }

    /// Makes room for `more` bytes beyond `count`.
    mutating func reserve(_ more: Int) {
        guard count + more > capacity || base == nil else { return }
        let grown = max(256, (count + more) * 2)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        if let base {
            new.update(from: base, count: count)
            base.deallocate()
        }
        base = new
        capacity = grown
    }

    /// Copies `bytes` to `out`; returns their count.
    @inline(__always)
    static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        if let source = bytes.baseAddress { out.update(from: source, count: bytes.count) }
        return bytes.count
    }

    /// Copies `bytes` to `out` with ASCII letters in lower case, eight at a time; returns
    /// their count.
    @inline(__always)
    static func copyLowercased(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let count = copy(bytes, to: out)
        let raw = UnsafeMutableRawPointer(out)
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            raw.storeBytes(of: lowercased(word), toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            let byte = out[index]
            out[index] = byte &- 65 < 26 ? byte | 0x20 : byte
            index += 1
        }
        return count
    }

    /// Eight bytes with each of `A`…`Z` made lower case (other bytes, non-ASCII too, kept).
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (0x7F * ones)
        // A byte's high bit: at least `A`, then above `Z`; only ASCII bytes count.
        let fromA = low &+ (0x80 - 0x41) * ones
        let pastZ = low &+ (0x80 - 0x5B) * ones
        let upper = fromA & ~pastZ & ~word & (0x80 * ones)
        return word | (upper >> 2)
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base![count] = byte
        count += 1
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            reserve(bytes.count)
            count += Self.copy(bytes, to: base! + count)
        }
    }

    /// Calls `body` with `line` folded (`TextFolding`).
    mutating func folded<T>(
        _ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> T {
        let room = max(line.count * TextFolding.maximumGrowth, 1)
        if room > foldingCapacity {
            folding?.deallocate()
            foldingCapacity = max(256, room * 2)
            folding = .allocate(capacity: foldingCapacity)
        }
        let written = TextFolding.fold(line, to: folding!)
        return body(UnsafeBufferPointer(start: folding, count: written))
    }

    mutating func free() {
        base?.deallocate()
        folding?.deallocate()
        base = nil
        folding = nil
        capacity = 0
        foldingCapacity = 0
        count = 0
    }
}
