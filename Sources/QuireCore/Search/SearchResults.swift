/// The hits of one scan, as the parts found them: ordering waits until asked for, and
/// then orders only what is asked for, so showing the best few of many hits never sorts
/// them all.
public struct SearchResults: Sendable {
    /// Sort keys, one unsorted run per part of the scan.
    private let runs: [[UInt64]]
    /// How many candidates matched.
    public let count: Int

    init(runs: [[UInt64]]) {
        self.runs = runs.filter { !$0.isEmpty }
        count = runs.reduce(0) { $0 + $1.count }
    }

    /// The best `limit` hits, best first: each part's best `limit` are picked out
    /// (quickselect), sorted, and merged.
    public func top(_ limit: Int) -> [CandidateSet.Hit] {
        guard limit > 0 else { return [] }
        let sorted = runs.map { run -> [UInt64] in
            var best = run
            if best.count > limit {
                SearchResults.moveSmallestFirst(&best, limit)
                best.removeLast(best.count - limit)
            }
            best.sort()
            return best
        }
        var out: [CandidateSet.Hit] = []
        out.reserveCapacity(min(limit, count))
        SortKey.merge(sorted) { _, key in
            out.append(CandidateSet.Hit(index: SortKey.index(key), score: SortKey.score(key)))
            return out.count < limit
        }
        return out
    }

    /// Every hit, best first.
    public func all() -> [CandidateSet.Hit] { top(count) }

    /// The indices of every hit, ascending (to narrow a later scan).
    public func indices() -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(count)
        for run in runs {
            for key in run { out.append(Int32(SortKey.index(key))) }
        }
        out.sort()
        return out
    }

    /// Reorders `keys` so that its `k` smallest come first, in no order (Hoare's
    /// quickselect; keys are distinct, since each holds its candidate's index).
    static func moveSmallestFirst(_ keys: inout [UInt64], _ k: Int) {
        keys.withUnsafeMutableBufferPointer { b in
            var low = 0
            var high = b.count - 1
            while low < high {
                let middle = low + (high - low) / 2
                // Median of three, so sorted input does not make it quadratic.
                let (a, m, z) = (b[low], b[middle], b[high])
                let pivot = max(min(a, m), min(max(a, m), z))
                var i = low
                var j = high
                while i <= j {
                    while b[i] < pivot { i += 1 }
                    while b[j] > pivot { j -= 1 }
                    if i <= j {
                        b.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now b[low...j] ≤ pivot ≤ b[i...high].
                if k - 1 <= j {
                    high = j
                } else if k - 1 >= i {
                    low = i
                } else {
                    break
                }
            }
        }
    }
}
