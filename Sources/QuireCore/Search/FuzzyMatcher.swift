/// Scores how well a query matches a string, the way fzf does (its "v1" algorithm).
///
/// A fuzzy term matches when its characters appear in order. The match is the shortest
/// window found by a forward then a backward scan, scored per matched character with
/// bonuses where words start (after a space, a delimiter or punctuation, at a camelCase
/// hump or a digit) and for consecutive runs, and penalties for gaps. Works on UTF-8 bytes
/// (multi-byte characters compare as byte runs) and allocates nothing per candidate: the
/// forward scan looks for each pattern byte eight text bytes at a time.
public enum FuzzyMatcher {
    static let scoreMatch = 16
    static let scoreGapStart = -3
    static let scoreGapExtension = -1
    static let bonusBoundary = 8
    static let bonusNonWord = 8
    static let bonusCamel123 = 7
    static let bonusBoundaryWhite = 10
    static let bonusBoundaryDelimiter = 9
    static let bonusConsecutive = 4
    static let bonusFirstCharMultiplier = 2
    /// Added when the whole term matched as one contiguous run, so exact and prefix
    /// matches rank above scattered ones.
    static let bonusContiguous = 1000

    /// A string's score, or nil when the query does not match it.
    ///
    /// - Parameters:
    ///   - original: the candidate's UTF-8 (for case-sensitive terms and word bonuses).
    ///   - folded: the candidate folded with `TextFolding`, when folding changes more than
    ///     ASCII case (nil: ASCII letters are compared without case while scanning).
    public static func score(
        _ query: FuzzyQuery, original: UnsafeBufferPointer<UInt8>,
        folded: UnsafeBufferPointer<UInt8>?
    ) -> Int? {
        let compiled = CompiledQuery(query)
        return compiled.withPointers { q in
            score(q, original: original, folded: folded)
        }
    }

    /// Convenience for tests and small inputs.
    public static func score(_ query: FuzzyQuery, _ candidate: String) -> Int? {
        let original = Array(candidate.utf8)
        let folded = TextFolding.fold(original)
        return original.withUnsafeBufferPointer { o in
            folded.withUnsafeBufferPointer { f in score(query, original: o, folded: f) }
        }
    }

    /// The score of one candidate against a compiled query.
    @inline(__always)
    static func score(
        _ q: CompiledQuery.Pointers, original: UnsafeBufferPointer<UInt8>,
        folded: UnsafeBufferPointer<UInt8>?
    ) -> Int? {
        var total = 0
        var t = 0
        for g in 0..<q.groupEnds.count {
            let end = q.groupEnds[g]
            var best = Int.min
            while t < end {
                let term = q.terms[t]
                t += 1
                let text = term.caseSensitive ? original : (folded ?? original)
                let score = match(term, q, text)
                if term.negated {
                    if score == nil, best < 0 { best = 0 }
                } else if let score, score > best {
                    best = score
                }
            }
            guard best != Int.min else { return nil }
            total += best
        }
        return total
    }

    @inline(__always)
    private static func match(
        _ term: CompiledQuery.Term, _ q: CompiledQuery.Pointers, _ text: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let m = term.count
        let n = text.count
        guard m <= n, let t = text.baseAddress else { return m == 0 ? 0 : nil }
        let p = q.bytes.baseAddress! + term.start
        let or = q.orMasks.baseAddress! + term.start
        switch term.kind {
        case .fuzzy:
            return fuzzy(p, or, m, t, n)
        case .exact:
            guard let best = bestOccurrence(p, or, m, in: t, n, from: 0) else { return nil }
            return best.score + bonusContiguous
        case .prefix:
            guard equal(p, or, m, t) else { return nil }
            return windowScore(p, or, m, t, n, 0, m) + bonusContiguous
        case .suffix:
            guard equal(p, or, m, t + (n - m)) else { return nil }
            return windowScore(p, or, m, t, n, n - m, n) + bonusContiguous
        case .equal:
            guard m == n, equal(p, or, m, t) else { return nil }
            return windowScore(p, or, m, t, n, 0, n) + bonusContiguous
        }
    }

    /// Forward scan for the first window that holds the pattern, backward scan for its
    /// tightest start, then the score of that window.
    @inline(__always)
    private static func fuzzy(
        _ p: UnsafePointer<UInt8>, _ or: UnsafePointer<UInt8>, _ m: Int,
        _ text: UnsafePointer<UInt8>, _ n: Int
    ) -> Int? {
        var position = 0
        for k in 0..<m {
            guard let found = firstIndex(of: p[k], or[k], in: text, from: position, to: n) else {
                return nil
            }
            position = found &+ 1
        }
        let end = position
        // The whole term written out somewhere (it cannot end before `end`) beats any
        // scattered window, and a later occurrence can start a word where the first does
        // not ("dif" in "modified diffusion").
        if let best = bestOccurrence(p, or, m, in: text, n, from: max(0, end &- m)) {
            return best.score &+ bonusContiguous
        }
        // Else the tightest window that ends at `end`.
        var k = m &- 1
        var start = end &- 1
        while true {
            if text[start] | or[k] == p[k] {
                if k == 0 { break }
                k &-= 1
            }
            start &-= 1
        }
        return windowScore(p, or, m, text, n, start, end)
    }

    /// The contiguous occurrence of the pattern at or after `from` whose window scores
    /// best (the first 16 occurrences are compared).
    @inline(__always)
    static func bestOccurrence(
        _ p: UnsafePointer<UInt8>, _ or: UnsafePointer<UInt8>, _ m: Int,
        in text: UnsafePointer<UInt8>, _ n: Int, from: Int
    ) -> (start: Int, score: Int)? {
        var best: (start: Int, score: Int)?
        var position = from
        var looked = 0
        while position + m <= n, looked < 16 {
            guard let start = firstIndex(of: p[0], or[0], in: text, from: position, to: n - m + 1)
            else { break }
            if equal(p, or, m, text + start) {
                let score = windowScore(p, or, m, text, n, start, start + m)
                if best == nil || score > best!.score { best = (start, score) }
                looked += 1
            }
            position = start + 1
        }
        return best
    }

    /// The first index at or after `from` whose byte, OR-ed with `or` (0x20 for a letter
    /// compared without case, else 0), is `value` — or, with `orNonASCII`, whose byte has
    /// the high bit set; eight bytes per step.
    @inline(__always)
    static func firstIndex(
        of value: UInt8, _ or: UInt8, in text: UnsafePointer<UInt8>, from: Int, to n: Int,
        orNonASCII: Bool = false
    ) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let wanted = UInt64(value) &* ones
        let lower = UInt64(or) &* ones
        let raw = UnsafeRawPointer(text)
        var index = from
        while index &+ 8 <= n {
            let word = UInt64(
                littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let x = (word | lower) ^ wanted
            // The lowest set bit marks the first zero byte of x (the has-zero-byte trick).
            let hit = ((x &- ones) & ~x & highs) | (orNonASCII ? word & highs : 0)
            if hit != 0 { return index &+ hit.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < n {
            let byte = text[index]
            if byte | or == value || (orNonASCII && byte >= 0x80) { return index }
            index &+= 1
        }
        return nil
    }

    /// fzf's score of a match inside `text[start..<end]`.
    @inline(__always)
    private static func windowScore(
        _ p: UnsafePointer<UInt8>, _ or: UnsafePointer<UInt8>, _ m: Int,
        _ text: UnsafePointer<UInt8>, _ n: Int, _ start: Int, _ end: Int
    ) -> Int {
        var score = 0
        var pi = 0
        var inGap = false
        var consecutive = 0
        var firstBonus = 0
        var previousClass = start > 0 ? classBefore(start, in: text) : .white
        var index = start
        while index < end {
            let byte = text[index]
            let currentClass = charClass(byte)
            if pi < m, byte | or[pi] == p[pi] {
                score &+= scoreMatch
                var bonus = bonusFor(previousClass, currentClass)
                if consecutive == 0 {
                    firstBonus = bonus
                } else {
                    if bonus >= bonusBoundary, bonus > firstBonus { firstBonus = bonus }
                    bonus = max(bonus, firstBonus, bonusConsecutive)
                }
                score &+= pi == 0 ? bonus &* bonusFirstCharMultiplier : bonus
                inGap = false
                consecutive &+= 1
                pi &+= 1
            } else {
                score &+= inGap ? scoreGapExtension : scoreGapStart
                inGap = true
                consecutive = 0
                firstBonus = 0
            }
            previousClass = currentClass
            index &+= 1
        }
        return score
    }

    enum CharClass { case white, nonWord, delimiter, lower, upper, letter, number }

    @inline(__always)
    static func charClass(_ byte: UInt8) -> CharClass {
        switch byte {
        case 97...122: .lower
        case 65...90: .upper
        case 48...57: .number
        case 32, 9, 10, 13: .white
        case UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
            UInt8(ascii: "|"):
            .delimiter
        case 0x80...: .letter
        default: .nonWord
        }
    }

    /// The class of the character that ends just before `index`; an opening quote or
    /// other general punctuation (“ ‘ « — …) counts as white space, so a word after it
    /// starts a word as it would after a space.
    static func classBefore(_ index: Int, in text: UnsafePointer<UInt8>) -> CharClass {
        let byte = text[index - 1]
        guard byte >= 0x80 else { return charClass(byte) }
        var lead = index - 1
        while lead > 0, text[lead] & 0xC0 == 0x80, index - lead < 4 { lead -= 1 }
        if text[lead] == 0xE2, lead + 1 < index, text[lead + 1] == 0x80 || text[lead + 1] == 0x81 {
            return .white
        }
        if text[lead] == 0xC2, lead + 1 < index, text[lead + 1] == 0xAB { return .white }  // «
        return .letter
    }

    @inline(__always)
    static func bonusFor(_ previous: CharClass, _ current: CharClass) -> Int {
        if current == .lower || current == .upper || current == .number || current == .letter {
            switch previous {
            case .white: return bonusBoundaryWhite
            case .delimiter: return bonusBoundaryDelimiter
            case .nonWord: return bonusBoundary
            default: break
            }
        }
        if (previous == .lower && current == .upper) || (previous != .number && current == .number)
        {
            return bonusCamel123
        }
        if current == .nonWord || current == .delimiter { return bonusNonWord }
        if current == .white { return bonusBoundaryWhite }
        return 0
    }

    @inline(__always)
    private static func equal(
        _ p: UnsafePointer<UInt8>, _ or: UnsafePointer<UInt8>, _ m: Int,
        _ text: UnsafePointer<UInt8>
    ) -> Bool {
        for k in 0..<m where text[k] | or[k] != p[k] { return false }
        return true
    }
}
