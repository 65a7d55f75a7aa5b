/// A set of candidates of a search index, one bit each: what a search matched (to narrow
/// the search that extends it) or what a query's qualifiers let through.
///
/// At 4 million candidates it is half a megabyte, where a list of the matches' indices
/// could be sixteen and had to be sorted.
public struct CandidateBits: Sendable, Equatable {
    /// Bit `i % 64` of word `i / 64` is candidate `i`.
    private(set) var words: [UInt64]
    /// How many candidates there are (set or not).
    public let capacity: Int

    /// No candidate of `capacity`.
    public init(capacity: Int) {
        self.capacity = capacity
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// Each of `indices` (all below `capacity`).
    public init(capacity: Int, _ indices: some Sequence<Int>) {
        self.init(capacity: capacity)
        for index in indices { insert(index) }
    }

    /// Adds candidate `index`.
    public mutating func insert(_ index: Int) {
        words.withUnsafeMutableBufferPointer { Self.insert(index, into: $0) }
    }

    /// Whether candidate `index` is in the set.
    public func contains(_ index: Int) -> Bool {
        index >= 0 && index < capacity
            && words.withUnsafeBufferPointer { Self.contains(index, in: $0) }
    }

    /// Sets candidate `index`'s bit in borrowed words.
    @inline(__always)
    static func insert(_ index: Int, into words: UnsafeMutableBufferPointer<UInt64>) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    /// Whether candidate `index`'s bit is set in borrowed words.
    @inline(__always)
    static func contains(_ index: Int, in words: UnsafeBufferPointer<UInt64>) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Calls `body` with the words to write bits into (bit `i % 64` of word `i / 64`).
    mutating func withUnsafeMutableWords<T>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> T)
        -> T
    {
        words.withUnsafeMutableBufferPointer { body($0) }
    }

    /// How many candidates are in the set.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The candidates in the set, ascending.
    public var indices: [Int] {
        var out: [Int] = []
        var index = next(from: 0, below: capacity)
        while index < capacity {
            out.append(index)
            index = next(from: index + 1, below: capacity)
        }
        return out
    }

    /// The first candidate in the set at `index` or after it, or `limit` when there is none
    /// before `limit`.
    func next(from index: Int, below limit: Int) -> Int {
        words.withUnsafeBufferPointer { Self.next(in: $0, from: index, below: limit) }
    }

    /// Calls `body` with the words (bit `i % 64` of word `i / 64`).
    func withUnsafeWords<T>(_ body: (UnsafeBufferPointer<UInt64>) -> T) -> T {
        words.withUnsafeBufferPointer(body)
    }

    /// `next(from:below:)` over borrowed words.
    @inline(__always)
    static func next(in words: UnsafeBufferPointer<UInt64>, from index: Int, below limit: Int)
        -> Int
    {
        guard index < limit else { return limit }
        var word = index >> 6
        var bits = words[word] & (~0 << UInt64(index & 63))
        let lastWord = (limit - 1) >> 6
        while bits == 0 {
            word += 1
            guard word <= lastWord else { return limit }
            bits = words[word]
        }
        return min(word << 6 + bits.trailingZeroBitCount, limit)
    }
}
