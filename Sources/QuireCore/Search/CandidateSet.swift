import Dispatch
import Foundation

/// Many strings to search, stored as one byte buffer with offsets, so a search touches no
/// per-candidate object and allocates nothing per string.
///
/// Beside the bytes it keeps, per candidate, a 64-bit mask of the characters it contains
/// (a query needing a character the candidate lacks skips it unread) and, only for the
/// few candidates where folding does more than lower-case ASCII (accents, full-width
/// Latin), a folded copy.
public struct CandidateSet: Sendable {
    /// The candidates' bytes (for lines read from input, the input itself: no copy).
    private let original: [UInt8]
    /// Where each candidate starts and ends in `original`.
    private let starts: [UInt32]
    private let ends: [UInt32]
    /// `CharacterMask` of each candidate, as written and folded.
    private let masks: [UInt64]
    /// `folding[i]` indexes `foldedStarts` for a candidate with a folded copy, else -1.
    private let folding: [Int32]
    private let folded: [UInt8]
    private let foldedStarts: [UInt32]
    /// A tie-break rank per candidate (0...3, lower first at equal scores); empty: all 0.
    private let ranks: [UInt8]

    public var count: Int { starts.count }

    /// Bytes held for the candidates beyond their text (offsets, masks, folded copies).
    public var overheadBytes: Int {
        starts.count * 4 + ends.count * 4 + masks.count * 8 + folding.count * 4 + folded.count
            + foldedStarts.count * 4 + ranks.count
    }

    /// The candidates' text in bytes.
    public var textBytes: Int { original.count }

    /// The candidates are the lines of `text` (LF or CRLF; no trailing empty line).
    public init(lines text: [UInt8]) {
        var starts: [UInt32] = []
        var ends: [UInt32] = []
        starts.reserveCapacity(text.count / 32)
        ends.reserveCapacity(text.count / 32)
        text.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            let n = bytes.count
            while lineStart < n {
                let newline =
                    memchr(base + lineStart, 10, n - lineStart)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                var end = newline
                if end > lineStart, bytes[end - 1] == 13 { end -= 1 }
                starts.append(UInt32(lineStart))
                ends.append(UInt32(end))
                lineStart = newline + 1
            }
        }
        self.init(original: text, starts: starts, ends: ends, ranks: [])
    }

    /// The candidates are `strings`; `ranks` (0...3 each, or empty) orders equal scores.
    public init(_ strings: [String], ranks: [UInt8] = []) {
        precondition(ranks.isEmpty || ranks.count == strings.count)
        var original: [UInt8] = []
        var starts: [UInt32] = []
        var ends: [UInt32] = []
        starts.reserveCapacity(strings.count)
        ends.reserveCapacity(strings.count)
        for string in strings {
            starts.append(UInt32(original.count))
            original.append(contentsOf: string.utf8)
            ends.append(UInt32(original.count))
        }
        self.init(original: original, starts: starts, ends: ends, ranks: ranks)
    }

    private init(original: [UInt8], starts: [UInt32], ends: [UInt32], ranks: [UInt8]) {
        precondition(
            starts.count < SortKey.maxCandidates && original.count < UInt32.max,
            "too many candidates")
        let count = starts.count
        var masks = [UInt64](repeating: 0, count: count)
        var needsFolding = [Bool](repeating: false, count: count)
        // Masks and the folding check in parallel: both read every byte once.
        original.withUnsafeBufferPointer { bytes in
            CharacterMask.table.withUnsafeBufferPointer { table in
                masks.withUnsafeMutableBufferPointer { m in
                    needsFolding.withUnsafeMutableBufferPointer { f in
                        let shared = (bytes, table, m, f)
                        let box = UncheckedSendable(shared)
                        let chunks = count < 4096 ? 1 : 16
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let (bytes, table, m, f) = box.value
                            for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                                let line = UnsafeBufferPointer(
                                    rebasing: bytes[Int(starts[index])..<Int(ends[index])])
                                let mask = CharacterMask.of(line, table: table)
                                m[index] = mask
                                f[index] =
                                    mask & CharacterMask.nonASCII != 0
                                    && TextFolding.changesBeyondASCIICase(line)
                            }
                        }
                    }
                }
            }
        }
        var folding = [Int32](repeating: -1, count: count)
        var folded: [UInt8] = []
        var foldedStarts: [UInt32] = [0]
        original.withUnsafeBufferPointer { bytes in
            for index in 0..<count where needsFolding[index] {
                let line = UnsafeBufferPointer(
                    rebasing: bytes[Int(starts[index])..<Int(ends[index])])
                let from = folded.count
                folding[index] = Int32(foldedStarts.count - 1)
                TextFolding.fold(line, into: &folded)
                foldedStarts.append(UInt32(folded.count))
                masks[index] |= folded[from...].withUnsafeBufferPointer { f in
                    CharacterMask.table.withUnsafeBufferPointer { CharacterMask.of(f, table: $0) }
                }
            }
        }
        self.original = original
        self.starts = starts
        self.ends = ends
        self.masks = masks
        self.folding = folding
        self.folded = folded
        self.foldedStarts = foldedStarts
        self.ranks = ranks
    }

    /// Whether any byte has the high bit set, eight bytes at a time.
    @inline(__always)
    static func hasNonASCII(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= line.count {
            seen |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < line.count {
            seen |= UInt64(line[index])
            index += 1
        }
        return seen & 0x8080_8080_8080_8080 != 0
    }

    /// The candidate at `index`, as UTF-8.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        original[Int(starts[index])..<Int(ends[index])]
    }

    /// The candidate at `index`.
    public func string(at index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    /// A hit: the candidate's index and its score.
    public struct Hit: Sendable, Equatable {
        public var index: Int
        public var score: Int
    }

    /// The candidates that match, best first: higher score, then lower rank, then
    /// shorter, then earlier.
    public func search(_ query: FuzzyQuery, within: [Int32]? = nil) -> [Hit] {
        scan(query, within: within).all()
    }

    /// The candidates that match, to take the best from.
    ///
    /// Scanned on every core, each part's hits kept unsorted. `within` narrows the scan to
    /// earlier hits (a query that extends the previous one can only match what
    /// that one matched).
    ///
    /// `isCancelled` is asked every few thousand candidates; once it says yes the scan
    /// stops and returns what it has (a newer query has made this one stale).
    public func scan(
        _ query: FuzzyQuery, within: [Int32]? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) -> SearchResults {
        let total = within?.count ?? count
        guard total > 0 else { return SearchResults(runs: []) }
        if query.isEmpty {
            let all = (0..<total).map { position in
                let index = Int(within?[position] ?? Int32(position))
                return key(index, score: 0)
            }
            return SearchResults(runs: [all])
        }
        let compiled = CompiledQuery(query)
        let chunks = total < 4096 ? 1 : 16
        var runs: [[UInt64]] = []
        compiled.withPointers { q in
            original.withUnsafeBufferPointer { o in
                folded.withUnsafeBufferPointer { f in
                    starts.withUnsafeBufferPointer { s in
                        ends.withUnsafeBufferPointer { e in
                            masks.withUnsafeBufferPointer { m in
                                folding.withUnsafeBufferPointer { fi in
                                    foldedStarts.withUnsafeBufferPointer { fs in
                                        ranks.withUnsafeBufferPointer { r in
                                            let buffers = Buffers(
                                                original: o, folded: f, starts: s, ends: e,
                                                masks: m, folding: fi, foldedStarts: fs, ranks: r)
                                            let box = UncheckedSendable(q)
                                            runs = parallelMap(count: chunks) { chunk in
                                                let lower = total * chunk / chunks
                                                let upper = total * (chunk + 1) / chunks
                                                return buffers.scan(
                                                    box.value, required: compiled.required,
                                                    lower..<upper, within: within,
                                                    isCancelled: isCancelled)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return SearchResults(runs: runs)
    }

    private func key(_ index: Int, score: Int) -> UInt64 {
        SortKey.make(
            score: score, rank: ranks.isEmpty ? 0 : ranks[index],
            length: Int(ends[index] - starts[index]), index: index)
    }
}

/// The candidate set's arrays, borrowed for one scan (which only reads them).
private struct Buffers: @unchecked Sendable {
    /// Every candidate's text, one after another.
    let original: UnsafeBufferPointer<UInt8>
    /// Folded copies of the texts that need folding.
    let folded: UnsafeBufferPointer<UInt8>
    /// Each candidate's start and end in `original`.
    let starts: UnsafeBufferPointer<UInt32>
    let ends: UnsafeBufferPointer<UInt32>
    /// Each candidate's character mask.
    let masks: UnsafeBufferPointer<UInt64>
    /// Each candidate's slot in `foldedStarts`, or -1.
    let folding: UnsafeBufferPointer<Int32>
    let foldedStarts: UnsafeBufferPointer<UInt32>
    /// Each candidate's rank, when ranked.
    let ranks: UnsafeBufferPointer<UInt8>

    func scan(
        _ q: CompiledQuery.Pointers, required: UInt64, _ positions: Range<Int>, within: [Int32]?,
        isCancelled: (@Sendable () -> Bool)?
    ) -> [UInt64] {
        var run: [UInt64] = []
        let ranked = !ranks.isEmpty
        for position in positions {
            if position & 4095 == 0, let isCancelled, isCancelled() { break }
            let index = within.map { Int($0[position]) } ?? position
            guard masks[index] & required == required else { continue }
            let start = Int(starts[index])
            let end = Int(ends[index])
            let original = UnsafeBufferPointer(rebasing: original[start..<end])
            var foldedLine: UnsafeBufferPointer<UInt8>?
            let slot = Int(folding[index])
            if slot >= 0 {
                foldedLine = UnsafeBufferPointer(
                    rebasing: folded[Int(foldedStarts[slot])..<Int(foldedStarts[slot + 1])])
            }
            if let score = FuzzyMatcher.score(q, original: original, folded: foldedLine) {
                run.append(
                    SortKey.make(
                        score: score, rank: ranked ? ranks[index] : 0, length: end - start,
                        index: index))
            }
        }
        return run
    }
}
