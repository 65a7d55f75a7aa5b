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
        // Parts of at least 64 KiB, at most 2^27 bytes (their offsets fit a sort key).
        let parts = max(1, min(64, n / 65_536), (n >> 27) + 1)
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
        let slots = RunSlots(count: parts)
        let bounds = partStarts
        compiled.withPointers { q in
            let shared = UncheckedBox((q, text))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let (q, text) = shared.value
                var run = LineFilter.scan(
                    q, text, from: bounds[part], to: bounds[part + 1], empty: query.isEmpty)
                run.sort()
                slots.store(run, at: part)
            }
        }
        runs = slots.all()
        count = runs.reduce(0) { $0 + $1.count }
    }

    /// Keys (score, length, offset in the part) of the part's matching lines.
    private static func scan(
        _ q: CompiledQuery.Pointers, _ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
        empty: Bool
    ) -> [UInt64] {
        guard let base = text.baseAddress, from < to else { return [] }
        var run: [UInt64] = []
        var scratch: [UInt8] = []
        var lineStart = from
        while lineStart < to {
            let newline =
                memchr(base + lineStart, 10, to - lineStart).map {
                    UnsafeRawPointer($0) - UnsafeRawPointer(base)
                } ?? to
            var end = newline
            if end > lineStart, base[end - 1] == 13 { end -= 1 }
            let line = UnsafeBufferPointer(start: base + lineStart, count: end - lineStart)
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
                    SortKey.make(
                        score: score, rank: 0, length: line.count, index: lineStart - from))
            }
            lineStart = newline + 1
        }
        return run
    }

    /// Calls `body` with each matching line's bytes, best first: higher score, then
    /// shorter, then earlier.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, Line) -> Void) {
        var heads = [Int](repeating: 0, count: runs.count)
        runs.withUnsafeBufferPointer { runs in
            while true {
                // Offsets are per part: at equal score and length the earlier part wins.
                var best = -1
                var bestKey = UInt64.max
                for r in 0..<runs.count where heads[r] < runs[r].count {
                    let key = runs[r][heads[r]]
                    if best < 0 || key >> SortKey.indexBits < bestKey >> SortKey.indexBits {
                        best = r
                        bestKey = key
                    }
                }
                guard best >= 0 else { return }
                heads[best] += 1
                let start = partStarts[best] + SortKey.index(bestKey)
                var end = start + SortKey.length(bestKey)
                if SortKey.length(bestKey) == SortKey.maxLength, let base = text.baseAddress {
                    let limit = partStarts[best + 1]
                    end =
                        memchr(base + start, 10, limit - start).map {
                            UnsafeRawPointer($0) - UnsafeRawPointer(base)
                        } ?? limit
                    if end > start, base[end - 1] == 13 { end -= 1 }
                }
                let line = UnsafeBufferPointer(rebasing: text[start..<end])
                body(line, Line(start: start, count: end - start, score: SortKey.score(bestKey)))
            }
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
