import Dispatch
import Foundation

/// Matches the lines of one buffer in a single pass, without building an index: what
/// `quire filter` does with standard input.
///
/// The buffer is cut at line ends into parts, one scanned per core; each part walks its
/// lines, folds only a line whose folding changes more than ASCII case (into a scratch
/// buffer), scores it with `FuzzyMatcher`, and sorts its own hits. The parts' sorted runs
/// are merged as they are written out.
public struct LineFilter {
    /// A matching line: where it is in the buffer.
    public struct Line: Equatable, Sendable {
        public var start: Int
        public var count: Int
        public var score: Int
    }

    private let runs: [[UInt64]]
    private let partStarts: [Int]
    private let text: UnsafeBufferPointer<UInt8>

    /// How many lines matched.
    public let count: Int

    /// Scans `text` (LF or CRLF lines) for `query`.
    ///
    /// `text` must outlive the filter.
    public init(_ query: FuzzyQuery, text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        let n = text.count
        // Four parts a core (so a slow part does not hold the others up), of at least
        // 64 KiB, and at most 2^27 bytes (their offsets fit a sort key). Few parts keep
        // the merge cheap: it compares each written line's key with every part's next.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parts = max(1, min(4 * cores, n / 65_536), (n >> 27) + 1)
        var partStarts: [Int] = [0]
        if let base = text.baseAddress {
            for part in 1..<max(1, parts) {
                var at = max(n * part / parts, partStarts.last!)
                if let newline = memchr(base + at, 10, n - at) {
                    at = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
                } else {
                    at = n
                }
                partStarts.append(at)
            }
        }
        partStarts.append(n)
        self.partStarts = partStarts
        let compiled = CompiledQuery(query)
        let anchor = LineFilter.anchor(
            query, sample: UnsafeBufferPointer(rebasing: text[0..<min(n, 1 << 18)]))
        let bounds = partStarts
        runs = compiled.withPointers { q in
            let shared = UncheckedSendable((q, text))
            return parallelMap(count: parts) { part in
                let (q, text) = shared.value
                var run = LineFilter.scan(
                    q, text, from: bounds[part], to: bounds[part + 1], empty: query.isEmpty,
                    anchor: anchor)
                run.sort()
                return run
            }
        }
        count = runs.reduce(0) { $0 + $1.count }
    }

    /// Keys (score, length, offset in the part) of the part's matching lines.
    ///
    /// With an anchor (a byte every match must contain), only lines holding it, or a
    /// character that folds, are looked at: the part is searched for either eight bytes
    /// at a time, and the lines in between are never split out.
    private static func scan(
        _ q: CompiledQuery.Pointers, _ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
        empty: Bool, anchor: (value: UInt8, or: UInt8)?
    ) -> [UInt64] {
        guard let base = text.baseAddress, from < to else { return [] }
        var run: [UInt64] = []
        var scratch: [UInt8] = []
        /// Scores the line `[start, newline)` and keeps it if it matches.
        func line(_ start: Int, _ newline: Int) {
            var end = newline
            if end > start, base[end - 1] == 13 { end -= 1 }
            let line = UnsafeBufferPointer(start: base + start, count: end - start)
            let score: Int?
            if empty {
                score = 0
            } else if CandidateSet.hasNonASCII(line), TextFolding.changesBeyondASCIICase(line) {
                scratch.removeAll(keepingCapacity: true)
                TextFolding.fold(line, into: &scratch)
                score = scratch.withUnsafeBufferPointer {
                    FuzzyMatcher.score(q, original: line, folded: $0)
                }
            } else {
                score = FuzzyMatcher.score(q, original: line, folded: nil)
            }
            if let score {
                run.append(
                    SortKey.make(score: score, rank: 0, length: line.count, index: start - from))
            }
        }
        func newline(after position: Int) -> Int {
            memchr(base + position, 10, to - position).map {
                UnsafeRawPointer($0) - UnsafeRawPointer(base)
            } ?? to
        }
        guard let anchor, !empty else {
            var start = from
            while start < to {
                let end = newline(after: start)
                line(start, end)
                start = end + 1
            }
            return run
        }
        // Every line before `floor` is done; `position` is where the search goes on.
        var floor = from
        var position = from
        while position < to {
            guard
                let stop = FuzzyMatcher.firstIndex(
                    of: anchor.value, anchor.or, in: base, from: position, to: to,
                    orNonASCII: true)
            else { break }
            if base[stop] >= 0x80 {
                let length = TextFolding.sequenceLength(base + stop, to - stop)
                if length > 0, !TextFolding.folds(base + stop, length) {
                    position = stop + length
                    continue
                }
            }
            var start = stop
            while start > floor, base[start - 1] != 10 { start -= 1 }
            let end = newline(after: stop)
            line(start, end)
            floor = end + 1
            position = floor
        }
        return run
    }

    /// A byte every matching line holds, and its OR-mask: of the ASCII bytes of terms that
    /// must match on their own, the one rarest in `sample` (the start of the input, case
    /// folded); nil when no term must match.
    static func anchor(_ query: FuzzyQuery, sample: UnsafeBufferPointer<UInt8>) -> (
        value: UInt8, or: UInt8
    )? {
        var counts = [Int](repeating: 0, count: 128)
        for byte in sample where byte < 0x80 {
            counts[Int(byte &- 65 < 26 ? byte | 0x20 : byte)] += 1
        }
        var best: (value: UInt8, or: UInt8, count: Int)?
        for group in query.groups where group.count == 1 {
            let term = group[0]
            guard !term.negated else { continue }
            for byte in term.pattern where byte < 0x80 {
                let lowered = !term.caseSensitive && byte >= 97 && byte <= 122
                let count = counts[Int(byte &- 65 < 26 ? byte | 0x20 : byte)]
                if best == nil || count < best!.count { best = (byte, lowered ? 0x20 : 0, count) }
            }
        }
        return best.map { ($0.value, $0.or) }
    }

    /// Calls `body` with each matching line's bytes, best first: higher score, then
    /// shorter, then earlier.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, Line) -> Void) {
        // Offsets are per part: at equal score and length the earlier part wins.
        SortKey.merge(runs, ignoring: SortKey.indexBits) { part, key in
            let start = partStarts[part] + SortKey.index(key)
            var end = start + SortKey.length(key)
            if SortKey.length(key) == SortKey.maxLength, let base = text.baseAddress {
                let limit = partStarts[part + 1]
                end =
                    memchr(base + start, 10, limit - start).map {
                        UnsafeRawPointer($0) - UnsafeRawPointer(base)
                    } ?? limit
                if end > start, base[end - 1] == 13 { end -= 1 }
            }
            let line = UnsafeBufferPointer(rebasing: text[start..<end])
            body(line, Line(start: start, count: end - start, score: SortKey.score(key)))
            return true
        }
    }

    /// Every matching line, best first.
    public var lines: [Line] {
        var out: [Line] = []
        out.reserveCapacity(count)
        forEach { _, line in out.append(line) }
        return out
    }
}
