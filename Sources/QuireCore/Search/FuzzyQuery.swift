/// A search query in fzf's extended syntax, parsed once and matched against many strings.
///
/// Space-separated terms must all match; `a | b` matches either; `'exact` is a substring,
/// `^prefix` and `suffix$` anchor, `^whole$` is equality, `!term` must not match (with
/// any of the forms). A term with an upper-case letter is case-sensitive (smart case);
/// otherwise case and accents are ignored (`gordic` finds `Gordić`), and full-width Latin
/// matches ASCII.
public struct FuzzyQuery: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case fuzzy, exact, prefix, suffix, equal }

    public struct Term: Sendable, Equatable {
        public var kind: Kind
        public var negated: Bool
        public var caseSensitive: Bool
        /// The pattern as UTF-8, folded unless case-sensitive.
        public var pattern: [UInt8]
    }

    /// All groups must match; within a group, any term.
    public var groups: [[Term]]

    public var isEmpty: Bool { groups.isEmpty }

    public init(_ text: String) {
        var groups: [[Term]] = []
        var joinNext = false
        for token in text.split(separator: " ", omittingEmptySubsequences: true) {
            if token == "|" {
                joinNext = !groups.isEmpty
                continue
            }
            guard let term = FuzzyQuery.term(String(token)) else { continue }
            if joinNext, !groups.isEmpty {
                groups[groups.count - 1].append(term)
            } else {
                groups.append([term])
            }
            joinNext = false
        }
        self.groups = groups
    }

    private static func term(_ token: String) -> Term? {
        var text = Substring(token)
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        }
        var kind = Kind.fuzzy
        if text.hasPrefix("'") {
            kind = .exact
            text = text.dropFirst()
        } else if text.hasPrefix("^") {
            kind = .prefix
            text = text.dropFirst()
            if text.hasSuffix("$"), text.count > 1 {
                kind = .equal
                text = text.dropLast()
            }
        } else if text.hasSuffix("$"), text.count > 1 {
            kind = .suffix
            text = text.dropLast()
        }
        // fzf: a negated plain term is an exact (substring) match.
        if negated, kind == .fuzzy { kind = .exact }
        guard !text.isEmpty else { return nil }
        // Smart case; full-width letters (typed through an input method) never count.
        let caseSensitive = text.unicodeScalars.contains {
            $0.properties.isUppercase && !(0xFF21...0xFF3A).contains($0.value)
        }
        let pattern = caseSensitive ? Array(text.utf8) : TextFolding.fold(Array(text.utf8))
        return Term(kind: kind, negated: negated, caseSensitive: caseSensitive, pattern: pattern)
    }
}

/// Folding for search: lower case, accents removed, full-width Latin to ASCII.
public enum TextFolding {
    /// Whether folding would change these bytes (an upper-case ASCII letter or any non-ASCII).
    @inline(__always)
    public static func needsFolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 || (byte >= 65 && byte <= 90) { return true }
        return false
    }

    /// Whether folding changes more than the case of ASCII letters (an accented or
    /// non-ASCII capital letter, a combining accent, full-width Latin): text for which
    /// it does not is matched in place, lower-casing ASCII while comparing.
    public static func changesBeyondASCIICase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        let count = bytes.count
        while index < count {
            if base[index] < 0x80 {
                index += 1
                continue
            }
            // A broken sequence counts as a change: the folded copy, which keeps its
            // bytes, is then matched, which is never wrong.
            let length = sequenceLength(base + index, count - index)
            guard length > 0 else { return true }
            if folds(base + index, length) { return true }
            index += length
        }
        return false
    }

    /// The length of the UTF-8 sequence at `bytes` (2 to 4), or 0 when it is not one.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafePointer<UInt8>, _ available: Int) -> Int {
        let lead = bytes[0]
        let length = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, length <= available else { return 0 }
        for k in 1..<length where bytes[k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// Whether folding changes the one character whose `length` UTF-8 bytes are at `bytes`.
    @inline(__always)
    static func folds(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var value = UInt32(bytes[0]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = (value << 6) | (UInt32(bytes[k]) & 0x3F) }
        if value >= 0x2000, !(0xFF01...0xFF5E).contains(value) { return false }
        return packed(value) != 0
    }

    /// The folded form of UTF-8 text.
    public static func fold(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            fold(buffer, into: &out)
            return out
        }
    }

    /// Appends the folded form of `bytes` to `out`.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let start = out.count
        let room = bytes.count * maximumGrowth
        out.append(contentsOf: repeatElement(0, count: room))
        let written = out.withUnsafeMutableBufferPointer {
            fold(bytes, to: $0.baseAddress! + start)
        }
        out.removeLast(room - written)
    }

    /// Folding writes at most this many bytes per byte of its input (a two-byte letter
    /// can fold to three).
    static let maximumGrowth = 2

    /// Writes the folded form of `bytes` to `out`, which has room for `maximumGrowth`
    /// times their count; returns how many bytes it wrote.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        var index = 0
        var written = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                out[written] = byte &- 65 < 26 ? byte | 0x20 : byte
                written += 1
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= count else {
                out[written] = byte
                written += 1
                index += 1
                continue
            }
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = (value << 6) | (UInt32(bytes[index + k]) & 0x3F) }
            let folded = value >= 0x2000 && value < 0xFF01 ? 0 : packed(value)
            if folded == 0 {
                for k in 0..<length { out[written + k] = bytes[index + k] }
                written += length
            } else {
                // Low byte: how many bytes follow (0xFF: none, the scalar is dropped).
                let n = folded & 0xFF
                if n != 0xFF {
                    for k in 0..<Int(n) {
                        out[written + k] = UInt8(truncatingIfNeeded: folded >> (8 * (k + 1)))
                    }
                    written += Int(n)
                }
            }
            index += length
        }
        return written
    }

    /// The folded form of one scalar, packed: 0 when it stays as it is; else the low byte
    /// is the length (0xFF: folds to nothing) and the bytes follow.
    @inline(__always)
    static func packed(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return 0 }
        if value < 0x250 { return latinTable[Int(value - 0x80)] }
        return slowPacked(value)
    }

    private static func slowPacked(_ value: UInt32) -> UInt32 {
        // Combining marks (accents written separately) fold to nothing.
        if (0x300...0x36F).contains(value) { return 0xFF }
        guard let folded = fold(scalar: value), folded.count <= 3 else { return 0 }
        var packed = UInt32(folded.count)
        for (k, byte) in folded.enumerated() { packed |= UInt32(byte) << (8 * (k + 1)) }
        return packed
    }

    /// Folded forms of U+0080..<U+0250 (Latin-1, Latin Extended-A and -B), packed.
    private static let latinTable: [UInt32] = (UInt32(0x80)..<0x250).map(slowPacked)

    /// The ASCII (or lower-case) form of one scalar, if it has one.
    static func fold(scalar value: UInt32) -> [UInt8]? {
        if (0xFF01...0xFF5E).contains(value) {  // full-width ASCII
            let ascii = UInt8(value - 0xFF01 + 0x21)
            return [ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii]
        }
        guard value < 0x2000, let scalar = Unicode.Scalar(value) else { return nil }
        if let base = latinBase[value] { return [base] }
        let lower = String(scalar).lowercased()
        let utf8 = Array(lower.utf8)
        return utf8 == Array(String(scalar).utf8) ? nil : utf8
    }

    /// Latin letters with accents and their ASCII base letter.
    private static let latinBase: [UInt32: UInt8] = {
        let groups: [(String, Character)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
            ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"),
            ("ĹĺĻļĽľĿŀŁł", "l"), ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"),
            ("ŚśŜŝŞşŠšß", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"),
            ("ÝýÿŶŷŸ", "y"),
            ("ŹźŻżŽž", "z"),
        ]
        var table: [UInt32: UInt8] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base.asciiValue! }
        }
        return table
    }()
}
