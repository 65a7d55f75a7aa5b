import Dispatch
import Foundation

/// Many strings to search, stored as two byte buffers (as written, and folded) with
/// offsets, so a search touches no per-candidate object and allocates nothing per string.
public struct CandidateSet: Sendable {
    /// The candidates' bytes (for lines read from input, the input itself: no copy).
    private let original: [UInt8]
    /// Where each candidate starts and ends in `original`.
    private let starts: [Int32]
    private let ends: [Int32]
    /// Folded copies, only for candidates with non-ASCII bytes (ASCII is folded while
    /// comparing): `folding[i]` is an index into `foldedStarts`, or -1.
    private let folding: [Int32]
    private let folded: [UInt8]
    private let foldedStarts: [Int32]

    public var count: Int { starts.count }

    /// The candidates are the lines of `text` (LF or CRLF; no trailing empty line).
    public init(lines text: [UInt8]) {
        var starts: [Int32] = []
        var ends: [Int32] = []
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
                starts.append(Int32(lineStart))
                ends.append(Int32(end))
                lineStart = newline + 1
            }
        }
        self.init(original: text, starts: starts, ends: ends)
    }

    /// The candidates are `strings`.
    public init(_ strings: [String]) {
        var original: [UInt8] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        for string in strings {
            starts.append(Int32(original.count))
            original.append(contentsOf: string.utf8)
            ends.append(Int32(original.count))
        }
        self.init(original: original, starts: starts, ends: ends)
    }

    private init(original: [UInt8], starts: [Int32], ends: [Int32]) {
        var folding = [Int32](repeating: -1, count: starts.count)
        var folded: [UInt8] = []
        var foldedStarts: [Int32] = [0]
        original.withUnsafeBufferPointer { bytes in
            for index in starts.indices {
                let line = UnsafeBufferPointer(
                    rebasing: bytes[Int(starts[index])..<Int(ends[index])])
                guard CandidateSet.hasNonASCII(line) else { continue }
                folding[index] = Int32(foldedStarts.count - 1)
                TextFolding.fold(line, into: &folded)
                foldedStarts.append(Int32(folded.count))
            }
        }
        self.original = original
        self.starts = starts
        self.ends = ends
        self.folding = folding
        self.folded = folded
        self.foldedStarts = foldedStarts
    }

    /// Whether any byte has the high bit set, eight bytes at a time.
    @inline(__always)
    static func hasNonASCII(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= line.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080
                != 0
            {
                return true
            }
            index += 8
        }
        while index < line.count {
            if line[index] >= 0x80 { return true }
            index += 1
        }
        return false
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

    /// The candidates that match, best first: higher score, then shorter, then earlier.
    ///
    /// Scanned on every core. `within` narrows the scan to earlier hits (a query that
    /// extends the previous one can only match what that one matched).
    public func search(_ query: FuzzyQuery, within: [Int]? = nil) -> [Hit] {
        let total = within?.count ?? count
        guard total > 0 else { return [] }
        if query.isEmpty {
            return (0..<total).map { Hit(index: within?[$0] ?? $0, score: 0) }
        }
        let chunks = min(total, 64)
        let results = ChunkResults(count: chunks)
        original.withUnsafeBufferPointer { o in
            folded.withUnsafeBufferPointer { f in
                starts.withUnsafeBufferPointer { s in
                    ends.withUnsafeBufferPointer { e in
                        folding.withUnsafeBufferPointer { fi in
                            foldedStarts.withUnsafeBufferPointer { fs in
                                let buffers = Buffers(o: o, f: f, s: s, e: e, fi: fi, fs: fs)
                                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                    let lower = total * chunk / chunks
                                    let upper = total * (chunk + 1) / chunks
                                    results.store(
                                        buffers.scan(query, lower..<upper, within: within),
                                        at: chunk)
                                }
                            }
                        }
                    }
                }
            }
        }
        var hits = results.all()
        hits.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            let la = ends[a.index] - starts[a.index]
            let lb = ends[b.index] - starts[b.index]
            if la != lb { return la < lb }
            return a.index < b.index
        }
        return hits
    }
}

private struct Buffers: @unchecked Sendable {
    let o: UnsafeBufferPointer<UInt8>
    let f: UnsafeBufferPointer<UInt8>
    let s: UnsafeBufferPointer<Int32>
    let e: UnsafeBufferPointer<Int32>
    let fi: UnsafeBufferPointer<Int32>
    let fs: UnsafeBufferPointer<Int32>

    func scan(_ query: FuzzyQuery, _ positions: Range<Int>, within: [Int]?) -> [CandidateSet.Hit] {
        var hits: [CandidateSet.Hit] = []
        for position in positions {
            let index = within?[position] ?? position
            let original = UnsafeBufferPointer(rebasing: o[Int(s[index])..<Int(e[index])])
            var foldedLine: UnsafeBufferPointer<UInt8>?
            let slot = Int(fi[index])
            if slot >= 0 {
                foldedLine = UnsafeBufferPointer(rebasing: f[Int(fs[slot])..<Int(fs[slot + 1])])
            }
            if let score = FuzzyMatcher.score(query, original: original, folded: foldedLine) {
                hits.append(CandidateSet.Hit(index: index, score: score))
            }
        }
        return hits
    }
}

/// Per-chunk results, each written by one thread, read after all are done.
private final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[CandidateSet.Hit]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func store(_ hits: [CandidateSet.Hit], at index: Int) { slots[index] = hits }

    func all() -> [CandidateSet.Hit] { slots.flatMap { $0 } }
}
