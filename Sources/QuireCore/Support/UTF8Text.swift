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
            let b = bytes[i]
            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch b {
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
            default: return i
            }
            guard i + length <= n, bytes[i + 1] >= lowest, bytes[i + 1] <= highest else {
                return i
            }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
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
