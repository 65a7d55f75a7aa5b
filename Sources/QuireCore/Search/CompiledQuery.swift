/// A query flattened for scanning: every pattern byte in one buffer, terms and groups as
/// plain values, and the characters a candidate must contain for the query to match.
struct CompiledQuery: Sendable {
    struct Term: Sendable {
        var kind: FuzzyQuery.Kind
        var negated: Bool
        var caseSensitive: Bool
        /// Where the pattern is in `bytes`.
        var start: Int
        var count: Int
    }

    /// The patterns, term after term.
    let bytes: [UInt8]
    /// Per pattern byte: 0x20 for an ASCII letter compared without case (the text byte is
    /// OR-ed with it before comparing), else 0.
    let orMasks: [UInt8]
    let terms: [Term]
    /// Group `g` is `terms[groupEnds[g - 1]..<groupEnds[g]]`.
    let groupEnds: [Int]
    /// Character classes (see `CharacterMask`) every match must contain.
    let required: UInt64

    init(_ query: FuzzyQuery) {
        var bytes: [UInt8] = []
        var orMasks: [UInt8] = []
        var terms: [Term] = []
        var groupEnds: [Int] = []
        var required: UInt64 = 0
        for group in query.groups {
            var common = UInt64.max
            for term in group {
                terms.append(
                    Term(
                        kind: term.kind, negated: term.negated, caseSensitive: term.caseSensitive,
                        start: bytes.count, count: term.pattern.count))
                bytes.append(contentsOf: term.pattern)
                for byte in term.pattern {
                    let letter = byte >= 97 && byte <= 122
                    orMasks.append(!term.caseSensitive && letter ? 0x20 : 0)
                }
                // A negated term can match a text without any of its characters.
                common &= term.negated ? 0 : CharacterMask.of(term.pattern)
            }
            groupEnds.append(terms.count)
            required |= group.isEmpty ? 0 : common
        }
        self.bytes = bytes
        self.orMasks = orMasks
        self.terms = terms
        self.groupEnds = groupEnds
        self.required = required
    }

    /// The buffers, borrowed for the length of a scan.
    struct Pointers: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let orMasks: UnsafeBufferPointer<UInt8>
        let terms: UnsafeBufferPointer<Term>
        let groupEnds: UnsafeBufferPointer<Int>
    }

    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try orMasks.withUnsafeBufferPointer { o in
                try terms.withUnsafeBufferPointer { t in
                    try groupEnds.withUnsafeBufferPointer { g in
                        try body(Pointers(bytes: b, orMasks: o, terms: t, groupEnds: g))
                    }
                }
            }
        }
    }
}

/// Which kinds of character a text contains, as 64 bits.
///
/// One bit per ASCII letter (either case), one per digit, 27 buckets for other ASCII
/// bytes, and one for any non-ASCII byte. A candidate whose mask lacks a bit of the
/// query's is skipped without reading it.
enum CharacterMask {
    static let table: [UInt64] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case 97...122: return 1 << UInt64(byte - 97)
        case 65...90: return 1 << UInt64(byte - 65)
        case 48...57: return 1 << UInt64(26 + byte - 48)
        case 0x80...: return nonASCII
        default: return 1 << UInt64(36 + byte % 27)
        }
    }

    /// The bit of any non-ASCII byte.
    static let nonASCII: UInt64 = 1 << 63

    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { b in
            table.withUnsafeBufferPointer { of(b, table: $0) }
        }
    }

    @inline(__always)
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt64>)
        -> UInt64
    {
        var mask: UInt64 = 0
        for byte in bytes { mask |= table[Int(byte)] }
        return mask
    }
}
