/// A hit packed into 64 bits so that ascending order is best first: the score (higher
/// first), the rank, the length (shorter first), then the index (earlier first).
enum SortKey {
    static let scoreBits: UInt64 = 20
    static let rankBits: UInt64 = 2
    static let lengthBits: UInt64 = 14
    static let indexBits: UInt64 = 28
    static let maxCandidates = 1 << 28
    static let scoreBias = (1 << 19) - 1

    @inline(__always)
    static func make(score: Int, rank: UInt8, length: Int, index: Int) -> UInt64 {
        let clamped = min(max(score, -scoreBias), scoreBias)
        return UInt64(scoreBias - clamped) << (rankBits + lengthBits + indexBits)
            | UInt64(rank & 3) << (lengthBits + indexBits)
            | UInt64(min(length, maxLength)) << indexBits | UInt64(index)
    }

    /// Lengths from here on are stored as this.
    static let maxLength = (1 << lengthBits) - 1

    @inline(__always)
    static func index(_ key: UInt64) -> Int { Int(key & ((1 << indexBits) - 1)) }

    @inline(__always)
    static func length(_ key: UInt64) -> Int {
        Int((key >> indexBits) & UInt64(maxLength))
    }

    @inline(__always)
    static func score(_ key: UInt64) -> Int {
        scoreBias - Int(key >> (rankBits + lengthBits + indexBits))
    }

    /// Walks sorted runs of keys together, smallest first, calling `body` with each key
    /// and its run until it returns false.
    ///
    /// Keys are compared without their lowest `ignoring` bits; at equal keys the earlier
    /// run comes first (for keys whose index counts within its run's part).
    static func merge(
        _ runs: [[UInt64]], ignoring bits: UInt64 = 0, _ body: (Int, UInt64) -> Bool
    ) {
        var heads = [Int](repeating: 0, count: runs.count)
        while true {
            var best = -1
            var bestKey = UInt64.max
            for r in runs.indices where heads[r] < runs[r].count {
                let key = runs[r][heads[r]]
                if best < 0 || key >> bits < bestKey >> bits {
                    best = r
                    bestKey = key
                }
            }
            guard best >= 0 else { return }
            heads[best] += 1
            guard body(best, bestKey) else { return }
        }
    }
}
