/// UTF-8 validated quickly.
///
/// The standard library's `String(decoding:as:)` and `String(validating:as:)` check every
/// byte with a general decoder; for a library of 85 MB, whose text is mostly ASCII with
/// curly quotes and accents, that was a tenth of the load time. Here the check skips
/// ASCII many bytes at a time, and a string is made from bytes that passed it (or that
/// were cut from such bytes) without checking them again.
enum UTF8Text {
    /// The offset of the first byte that breaks UTF-8, or nil when all of it is valid.
    ///
    /// Thirty-two, then eight bytes at a time while they are ASCII; multi-byte sequences
    /// are checked for overlong forms, surrogates and values past U+10FFFF.
    static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i < n {
            // Text is mostly ASCII: 32 bytes at a time while it is.
            if i + 32 <= n,
                (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                    & 0x8080_8080_8080_8080 == 0
            {
                i += 32
                continue
            }
            if i + 8 <= n {
                let high =
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                // Skip the ASCII bytes before the first one with its high bit set.
                i += high.trailingZeroBitCount >> 3
                if high == 0 { continue }
            } else if bytes[i] < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return i }
            i += length
        }
        return nil
    }

    /// How much of `bytes` ends where a character ends: all of it, unless its last bytes
    /// begin a multi-byte character that the bytes after it (not yet read) would finish.
    static func completeLength(of bytes: [UInt8]) -> Int {
        var start = bytes.count
        // A character's first byte is at most three bytes back from the end.
        while start > 0, start > bytes.count - 4 {
            start -= 1
            let byte = bytes[start]
            guard byte & 0xC0 == 0x80 else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return start + length > bytes.count ? start : bytes.count
            }
        }
        return bytes.count
    }

    /// The string of `bytes`: checked here, and made without the standard library checking
    /// them again; invalid bytes (which quire's own text never has) are repaired as
    /// `String(decoding:as:)` does.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard firstInvalid(bytes) == nil else { return String(decoding: bytes, as: UTF8.self) }
        return String(copying: UTF8Span(unchecked: bytes.span))
    }

    /// The string of bytes already known to be valid UTF-8, made without checking them
    /// again (debug builds do check): a file's text once `firstInvalid` has passed it, and
    /// text assembled from pieces of such text.
    static func string(validated bytes: UnsafeBufferPointer<UInt8>) -> String {
        assert(firstInvalid(bytes) == nil, "bytes said to be valid UTF-8 are not")
        return String(copying: UTF8Span(unchecked: bytes.span))
    }

    /// The string of valid UTF-8 bytes; see `string(validated:)`.
    static func string(validated bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string(validated: $0) }
    }

    /// The string of `bytes`; see `string(_:)`.
    static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    /// The string of `bytes`; see `string(_:)`.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}

extension UTF8Text {
    /// What one pass over a file's bytes found.
    enum Check: Equatable {
        /// Valid UTF-8 with no NUL; `hasControls` when a control other than tab, line feed
        /// and carriage return may be in it (see `TerminalText.removingControls`).
        case valid(hasControls: Bool)
        /// A NUL byte at this offset, before any invalid byte.
        case nul(at: Int)
        /// The first byte that breaks UTF-8, before any NUL.
        case invalid(at: Int)
    }

    /// Checks a file's bytes for NUL, invalid UTF-8 and controls in one pass.
    ///
    /// Sixteen bytes at a time while none of them is below 0x20 (line feed aside) or above
    /// 0x7E; then straight to the first one that is, which is read on its own.
    /// Loading a library runs this over every byte it reads: three separate passes (NUL,
    /// UTF-8, controls) cost three times the memory traffic.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Check {
        guard let base = bytes.baseAddress else { return .valid(hasControls: false) }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var hasControls = false
        // Lane arithmetic rather than comparisons: the high bit of each lane of `special`
        // is set where the byte is 0x7F or more, or below 0x20 and not a line feed. (The
        // standard library's lane comparisons are not vectorised.) Tabs and carriage
        // returns are sorted out byte by byte.
        let low7 = SIMD16<UInt8>(repeating: 0x7F)
        let add60 = SIMD16<UInt8>(repeating: 0x60)
        let one = SIMD16<UInt8>(repeating: 0x01)
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
        var i = 0
        while i < n {
            if i + 16 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let low = v & low7
                let below20 = ~((low &+ add60) | v)
                let isDEL = (low &+ one) & ~v
                let x = v ^ lineFeed
                let isLineFeed = ~(((x & low7) &+ low7) | x)
                let special = v | isDEL | (below20 & ~isLineFeed)
                let words = unsafeBitCast(special, to: (UInt64, UInt64).self)
                let first = words.0 & 0x8080_8080_8080_8080
                let second = words.1 & 0x8080_8080_8080_8080
                if first | second == 0 {
                    i += 16
                    continue
                }
                // Straight to the first special byte.
                i +=
                    first != 0
                    ? first.trailingZeroBitCount >> 3 : 8 + second.trailingZeroBitCount >> 3
            }
            // One character.
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 {
                    if b == 0 { return .nul(at: i) }
                    if b != 9, b != 10, b != 13 { hasControls = true }
                } else if b == 0x7F {
                    hasControls = true
                }
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return .invalid(at: i) }
            // C1 controls, U+0080–U+009F: C2 80 to C2 9F.
            if b == 0xC2, bytes[i + 1] <= 0x9F { hasControls = true }
            i += length
        }
        return .valid(hasControls: hasControls)
    }

    /// The length of the valid UTF-8 sequence that starts at `i` (a byte of 0x80 or more),
    /// or nil when it is not one: overlong forms, surrogates and values past U+10FFFF are
    /// refused.
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count, bytes[i + 1] >= lowest, bytes[i + 1] <= highest else {
            return nil
        }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }
}
