#if canImport(Glibc)
    import Glibc
#endif

/// The JSON underneath `StateFileReader`: whitespace, literals, numbers, strings with
/// their escapes, objects walked key by key, and any value skipped (checked, not kept).
extension StateFileReader {
    func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    func invalid() -> Failure {
        i >= bytes.count
            ? Failure(message: "not valid JSON (it ends early)", offset: bytes.count)
            : Failure(message: "not valid JSON", offset: i)
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        skipSpace()
        guard peek() == byte else { throw invalid() }
        i += 1
    }

    /// Walks an object, calling `body` with each key's UTF-8 (valid only during the call);
    /// `body` must consume the value.
    mutating func object(
        _ body: (inout StateFileReader, UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
    ) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw invalid() }
            let start = i + 1
            if let end = plainStringEnd() {
                // No escapes: the key is the input's own bytes.
                i = end + 1
                try expect(UInt8(ascii: ":"))
                try body(&self, UnsafeBufferPointer(rebasing: bytes[start..<end]))
            } else {
                let key = Array(try string().utf8)
                try expect(UInt8(ascii: ":"))
                try key.withUnsafeBufferPointer { (key) throws(Failure) in try body(&self, key) }
            }
            if try endsList(UInt8(ascii: "}")) { return }
        }
    }

    /// After a member or element: true past the `closer` that ends the object or array,
    /// false past the comma before the next one; anything else is invalid.
    mutating func endsList(_ closer: UInt8) throws(Failure) -> Bool {
        skipSpace()
        guard let next = peek() else { throw invalid() }
        i += 1
        if next == closer { return true }
        guard next == UInt8(ascii: ",") else {
            i -= 1
            throw invalid()
        }
        return false
    }

    /// `true` or `false`; nil (after skipping it) for any other value.
    mutating func boolean() throws(Failure) -> Bool? {
        skipSpace()
        if literal("true") { return true }
        if literal("false") { return false }
        try skipValue()
        return nil
    }

    /// An integer; nil (after skipping it) for any other value.
    mutating func integer() throws(Failure) -> Int? {
        skipSpace()
        let start = i
        guard let first = peek(), first == UInt8(ascii: "-") || (48...57).contains(first) else {
            try skipValue()
            return nil
        }
        try skipNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        return Int(text)
    }

    /// A string; nil (after skipping it) for any other value.
    mutating func stringValue() throws(Failure) -> String? {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try string()
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let matches = memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0
        if matches { i += count }
        return matches
    }

    /// Where the string opening at `i` closes, when it has no escapes and is valid UTF-8
    /// without controls; nil otherwise (then `string()` reads it).
    func plainStringEnd() -> Int? {
        var k = i + 1
        // Bits of every byte seen: a string of ASCII alone (ids, times, field names) needs
        // no UTF-8 check.
        var seen: UInt8 = 0
        while k < bytes.count {
            let byte = bytes[k]
            if byte == UInt8(ascii: "\"") {
                guard seen & 0x80 != 0 else { return k }
                return UTF8Text.firstInvalid(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<k]))
                    == nil ? k : nil
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            seen |= byte
            k += 1
        }
        return nil
    }

    /// A string at `i` (its opening quote), unescaped.
    mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // The common case: no escapes, valid UTF-8 (checked by the decoder).
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                guard UTF8Text.firstInvalid(text) == nil else {
                    throw Failure(message: "not valid JSON (not UTF-8)", offset: start)
                }
                return UTF8Text.string(validated: text)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw invalid() }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                guard UTF8Text.firstInvalid(out.withUnsafeBufferPointer { $0 }) == nil else {
                    throw Failure(message: "not valid JSON (not UTF-8)", offset: start)
                }
                return UTF8Text.string(out)
            }
            if byte < 0x20 { throw invalid() }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            i += 1
            guard let escaped = peek() else { throw invalid() }
            i += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A surrogate pair, or a lone surrogate (kept as U+FFFD).
                    if literal("\\u") {
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                i -= 1
                throw invalid()
            }
        }
        throw invalid()
    }

    mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count else {
            i = bytes.count
            throw invalid()
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[i]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 97...102: digit = UInt32(byte - 87)
            case 65...70: digit = UInt32(byte - 55)
            default: throw invalid()
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    mutating func skipNumber() throws(Failure) {
        if peek() == UInt8(ascii: "-") { i += 1 }
        guard let first = peek(), (48...57).contains(first) else { throw invalid() }
        i += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            i += 1
            guard let digit = peek(), (48...57).contains(digit) else { throw invalid() }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i += 1 }
            guard let digit = peek(), (48...57).contains(digit) else { throw invalid() }
            skipDigits()
        }
    }

    mutating func skipDigits() {
        while let byte = peek(), (48...57).contains(byte) { i += 1 }
    }

    /// Skips any JSON value, checking it; nesting is bounded so a hostile file cannot
    /// exhaust the stack.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < 512 else { throw Failure(message: "nested too deeply", offset: i) }
        skipSpace()
        guard let byte = peek() else { throw invalid() }
        switch byte {
        case UInt8(ascii: "{"):
            try object { reader, _ throws(Failure) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                i += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                if try endsList(UInt8(ascii: "]")) { return }
            }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): if !literal("true") { throw invalid() }
        case UInt8(ascii: "f"): if !literal("false") { throw invalid() }
        case UInt8(ascii: "n"): if !literal("null") { throw invalid() }
        default: try skipNumber()
        }
    }
}
