import CMemmem

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Whitespace handling on UTF-8 bytes.
///
/// These run for every block and link of a library of hundreds of thousands of links, so
/// they work on bytes rather than `Character`s (which cost a Unicode property lookup each).
/// Whitespace here is ASCII whitespace; other spaces (NBSP) are kept as text.
@inline(__always)
func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 10 || byte == 9 || byte == 13 || byte == 12 || byte == 11
}

/// Whether `byte` is an ASCII digit.
@inline(__always)
func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

/// Whether `byte` is an ASCII letter or digit.
@inline(__always)
func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
}

extension StringProtocol {
    /// Whether `needle`'s bytes occur in the string's: a plain byte search, with none of
    /// Foundation's `contains` and its Unicode comparison.
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { needle in
                bytes(needle, occurIn: haystack)
            }
        }
        if let found = found ?? nil { return found }
        // Not contiguous (a bridged string): search native copies.
        return String(self).containsBytes(String(needle))
    }
}

/// Whether `needle` occurs in `haystack` (glibc's `memmem`).
private func bytes(
    _ needle: UnsafeBufferPointer<UInt8>, occurIn haystack: UnsafeBufferPointer<UInt8>
) -> Bool {
    guard !needle.isEmpty else { return true }
    guard let base = haystack.baseAddress else { return false }
    return quire_memmem(base, haystack.count, needle.baseAddress!, needle.count) != nil
}

extension StringProtocol {
    /// The string without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        let text = Substring(self)
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isASCIIWhitespace($0) }) else { return "" }
        var last = bytes.index(before: bytes.endIndex)
        while isASCIIWhitespace(bytes[last]) { last = bytes.index(before: last) }
        return String(text[first...last])
    }

    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: Set<Character>) -> String {
        guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = lastIndex(where: { !set.contains($0) })!
        return String(self[first...last])
    }

    /// The string with ASCII letters lower-cased and every other byte as it is: for checks
    /// against ASCII vocabularies, without the cost of Unicode case mapping.
    func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return String(self) }
        return String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether the string equals `other` ignoring case.
    ///
    /// Compares scalar by scalar: ASCII letters folded on their bytes, others through their
    /// lower-case mappings. Most pairs differ early, so this rarely maps more than a
    /// character.
    func equalsIgnoringCase(_ other: some StringProtocol) -> Bool {
        var a = unicodeScalars.makeIterator()
        var b = other.unicodeScalars.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil):
                return true
            case (let x?, let y?):
                if x == y { continue }
                if x.isASCII, y.isASCII {
                    let lx = x.value >= 65 && x.value <= 90 ? x.value | 0x20 : x.value
                    let ly = y.value >= 65 && y.value <= 90 ? y.value | 0x20 : y.value
                    if lx != ly { return false }
                } else if x.properties.lowercaseMapping != y.properties.lowercaseMapping {
                    return false
                }
            default:
                return false
            }
        }
    }

    /// The string with every run of whitespace (including newlines) made one space, trimmed.
    func collapsingWhitespace() -> String {
        var needsWork = false
        var previousWasSpace = true
        for byte in utf8 {
            if isASCIIWhitespace(byte) {
                if previousWasSpace || byte != 32 {
                    needsWork = true
                    break
                }
                previousWasSpace = true
            } else {
                previousWasSpace = false
            }
        }
        if !needsWork && !previousWasSpace { return String(self) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if isASCIIWhitespace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(32) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The string without leading and trailing characters from `characters`.
    func trimmingCharacters(in characters: String) -> String {
        trimmingCharacters(in: Set(characters))
    }
}

extension String {
    /// Whether the UTF-8 text holds `byte`; a `memchr`, for newline and CR checks on whole
    /// documents.
    func containsByte(_ byte: UInt8) -> Bool {
        var copy = self
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }
}

extension StringProtocol {
    /// The letters and digits, lower-cased: `Blender-like` and `Blender Like` compare equal.
    func foldedForComparison() -> String {
        String(
            lowercased().unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            })
    }
}
