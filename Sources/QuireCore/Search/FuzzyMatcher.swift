/// Scores how well a query matches a string, the way fzf does (its "v1" algorithm).
///
/// A fuzzy term matches when its characters appear in order. The match is the shortest
/// window found by a forward then a backward scan, scored per matched character with
/// bonuses where words start (after a space, a delimiter or punctuation, at a camelCase
/// hump or a digit) and for consecutive runs, and penalties for gaps. Works on UTF-8 bytes
/// (multi-byte characters compare as byte runs) and allocates nothing per candidate.
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
    ///   - folded: the candidate folded with `TextFolding` (same bytes when nothing folds).
    public static func score(
        _ query: FuzzyQuery, original: UnsafeBufferPointer<UInt8>,
        folded: UnsafeBufferPointer<UInt8>?
    ) -> Int? {
        var total = 0
        for group in query.groups {
            var best: Int?
            for term in group {
                // Without a folded copy (ASCII text), case is folded while comparing.
                let text = term.caseSensitive ? original : (folded ?? original)
                let lower = !term.caseSensitive && folded == nil
                let score =
                    lower ? match(term, in: text, Lowered.self) : match(term, in: text, AsIs.self)
                if term.negated {
                    if score == nil { best = max(best ?? 0, 0) }
                } else if let score {
                    best = max(best ?? score, score)
                }
            }
            guard let best else { return nil }
            total += best
        }
        return total
    }

    /// Convenience for tests and small inputs.
    public static func score(_ query: FuzzyQuery, _ candidate: String) -> Int? {
        let original = Array(candidate.utf8)
        let folded = TextFolding.fold(original)
        return original.withUnsafeBufferPointer { o in
            folded.withUnsafeBufferPointer { f in score(query, original: o, folded: f) }
        }
    }

    private static func match<B: ByteView>(
        _ term: FuzzyQuery.Term, in text: UnsafeBufferPointer<UInt8>, _: B.Type
    ) -> Int? {
        let pattern = term.pattern
        let m = pattern.count
        let n = text.count
        guard m <= n else { return nil }
        return pattern.withUnsafeBufferPointer { p -> Int? in
            switch term.kind {
            case .fuzzy:
                return fuzzy(p, text, B.self)
            case .exact:
                guard let start = find(p, in: text, B.self) else { return nil }
                return windowScore(p, text, start, start + m, B.self) + bonusContiguous
            case .prefix:
                guard startsWith(p, text, at: 0, B.self) else { return nil }
                return windowScore(p, text, 0, m, B.self) + bonusContiguous
            case .suffix:
                guard startsWith(p, text, at: n - m, B.self) else { return nil }
                return windowScore(p, text, n - m, n, B.self) + bonusContiguous
            case .equal:
                guard m == n, startsWith(p, text, at: 0, B.self) else { return nil }
                return windowScore(p, text, 0, n, B.self) + bonusContiguous
            }
        }
    }

    /// Forward scan for the first window that holds the pattern, backward scan for its
    /// tightest start, then the score of that window.
    @inline(__always)
    private static func fuzzy<B: ByteView>(
        _ p: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, _: B.Type
    ) -> Int? {
        let m = p.count
        let n = text.count
        var pi = 0
        var index = 0
        while index < n {
            if B.byte(text[index]) == p[pi] {
                pi += 1
                if pi == m { break }
            }
            index += 1
        }
        guard pi == m else { return nil }
        let end = index + 1
        pi = m - 1
        var start = index
        while start >= 0 {
            if B.byte(text[start]) == p[pi] {
                if pi == 0 { break }
                pi -= 1
            }
            start -= 1
        }
        let contiguous = end - start == m
        return windowScore(p, text, start, end, B.self) + (contiguous ? bonusContiguous : 0)
    }

    /// fzf's score of a match inside `text[start..<end]`.
    private static func windowScore<B: ByteView>(
        _ p: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, _ start: Int,
        _ end: Int, _: B.Type
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
            if pi < p.count, B.byte(byte) == p[pi] {
                score += scoreMatch
                var bonus = bonusFor(previousClass, currentClass)
                if consecutive == 0 {
                    firstBonus = bonus
                } else {
                    if bonus >= bonusBoundary, bonus > firstBonus { firstBonus = bonus }
                    bonus = max(bonus, firstBonus, bonusConsecutive)
                }
                score += pi == 0 ? bonus * bonusFirstCharMultiplier : bonus
                inGap = false
                consecutive += 1
                pi += 1
            } else {
                score += inGap ? scoreGapExtension : scoreGapStart
                inGap = true
                consecutive = 0
                firstBonus = 0
            }
            previousClass = currentClass
            index += 1
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
    static func classBefore(_ index: Int, in text: UnsafeBufferPointer<UInt8>) -> CharClass {
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

    private static func find<B: ByteView>(
        _ p: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, _: B.Type
    ) -> Int? {
        let m = p.count
        guard m <= text.count else { return nil }
        var index = 0
        while index + m <= text.count {
            if B.byte(text[index]) == p[0], startsWith(p, text, at: index, B.self) { return index }
            index += 1
        }
        return nil
    }

    @inline(__always)
    private static func startsWith<B: ByteView>(
        _ p: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, at start: Int,
        _: B.Type
    ) -> Bool {
        guard start >= 0, start + p.count <= text.count else { return false }
        for k in 0..<p.count where B.byte(text[start + k]) != p[k] { return false }
        return true
    }
}

/// How the matcher reads a text byte: as it is, or lower-cased.
///
/// Lower-casing while comparing lets ASCII text be searched without a folded copy. Generic, so each variant compiles to its own tight loop.
protocol ByteView {
    static func byte(_ b: UInt8) -> UInt8
}

enum AsIs: ByteView {
    @inline(__always) static func byte(_ b: UInt8) -> UInt8 { b }
}

enum Lowered: ByteView {
    @inline(__always) static func byte(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }
}
