/// A set of bytes as a 256-bit map: membership is one shift and mask.
///
/// The checks that rule most lines out by their first byte run for every line of a
/// library; `Set<UInt8>` would hash each byte with a seeded SipHash first.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The set of the given bytes.
    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    /// The set of the first bytes of `strings` (empty strings contribute nothing).
    init(firstBytesOf strings: some Sequence<String>) {
        self.init(strings.compactMap(\.utf8.first))
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (UInt64(1) << (byte & 63)) != 0
    }
}
