extension FuzzyMatcher {
    /// Which characters of `text` the query's terms match, one flag per `Character`.
    ///
    /// For highlighting a hit: the tightest window of each fuzzy term, the occurrence of
    /// each exact or anchored one. Negated terms and terms that do not match `text` mark nothing.
    public static func highlights(_ query: FuzzyQuery, in text: String) -> [Bool] {
        let characters = Array(text)
        var flags = [Bool](repeating: false, count: characters.count)
        // Bytes of the text, as written and folded, each with the character it came from.
        var original: [UInt8] = []
        var originalOwner: [Int] = []
        var folded: [UInt8] = []
        var foldedOwner: [Int] = []
        for (index, character) in characters.enumerated() {
            let bytes = Array(String(character).utf8)
            original += bytes
            originalOwner += repeatElement(index, count: bytes.count)
            let f = TextFolding.fold(bytes)
            folded += f
            foldedOwner += repeatElement(index, count: f.count)
        }
        for term in query.groups.joined() where !term.negated {
            let (bytes, owner) =
                term.caseSensitive ? (original, originalOwner) : (folded, foldedOwner)
            for position in positions(of: term, in: bytes) { flags[owner[position]] = true }
        }
        return flags
    }

    /// The byte positions a term matches in `text` (already folded when the term is).
    static func positions(of term: FuzzyQuery.Term, in text: [UInt8]) -> [Int] {
        let p = term.pattern
        let m = p.count
        let n = text.count
        guard m > 0, m <= n else { return [] }
        func equal(at start: Int) -> Bool {
            start >= 0 && start + m <= n && (0..<m).allSatisfy { text[start + $0] == p[$0] }
        }
        // The occurrence the score was given for, when the term is written out whole.
        let or = p.map { !term.caseSensitive && $0 >= 97 && $0 <= 122 ? UInt8(0x20) : 0 }
        let occurrence = p.withUnsafeBufferPointer { pp in
            or.withUnsafeBufferPointer { oo in
                text.withUnsafeBufferPointer { tt in
                    bestOccurrence(
                        pp.baseAddress!, oo.baseAddress!, m, in: tt.baseAddress!, n, from: 0)
                }
            }
        }
        switch term.kind {
        case .exact:
            guard let start = occurrence?.start else { return [] }
            return Array(start..<(start + m))
        case .prefix:
            return equal(at: 0) ? Array(0..<m) : []
        case .suffix:
            return equal(at: n - m) ? Array((n - m)..<n) : []
        case .equal:
            return m == n && equal(at: 0) ? Array(0..<n) : []
        case .fuzzy:
            if let start = occurrence?.start { return Array(start..<(start + m)) }
            var k = 0
            var end = 0
            while end < n, k < m {
                if text[end] == p[k] { k += 1 }
                end += 1
            }
            guard k == m else { return [] }
            var start = end - 1
            k = m - 1
            while start >= 0 {
                if text[start] == p[k] {
                    if k == 0 { break }
                    k -= 1
                }
                start -= 1
            }
            var matched: [Int] = []
            k = 0
            for index in start..<end where k < m && text[index] == p[k] {
                matched.append(index)
                k += 1
            }
            return matched
        }
    }
}
