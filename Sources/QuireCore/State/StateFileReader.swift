#if canImport(Glibc)
    import Glibc
#endif

/// Reads the state file's JSON straight from its bytes, for this one schema.
///
/// A general JSON library builds a tree of objects first — for 100,000 items, a million
/// allocations and about a second (Foundation's `JSONSerialization`; see BENCHMARKS.md) —
/// and then quire copies it into `ReadState`. This reader walks the bytes once and fills
/// `ReadState` as it goes: ids from their 16 hex digits, times parsed from ISO 8601 to
/// seconds, nothing else kept. It is still a JSON parser: any valid JSON is accepted
/// (whitespace, key order, escapes, keys it does not know are skipped), and anything
/// else is refused with the line and column where it stops being JSON.
struct StateFileReader {
    /// A failure and the byte where it was found.
    struct Failure: Error {
        var message: String
        /// The byte where JSON stopped being valid; nil for a wrong shape.
        var offset: Int?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A reader that starts at `offset`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        self.bytes = bytes
        i = offset
    }

    /// Moves past `{ "version": N, "items": {` as quire writes it; false for any other
    /// opening.
    mutating func openItems() -> Bool {
        skipSpace()
        guard literal("{") else { return false }
        skipSpace()
        guard literal("\"version\"") else { return false }
        skipSpace()
        guard literal(":") else { return false }
        skipSpace()
        skipDigits()
        skipSpace()
        guard literal(",") else { return false }
        skipSpace()
        guard literal("\"items\"") else { return false }
        skipSpace()
        guard literal(":") else { return false }
        skipSpace()
        return literal("{")
    }

    /// The next key of `items` (`"<16 hex digits>"` and its colon), or nil at the closing
    /// brace; moves past a comma before it.
    mutating func nextKey() throws(Failure) -> UInt64? {
        skipSpace()
        if literal(",") { skipSpace() }
        if literal("}") { return nil }
        guard literal("\""), i + 17 <= bytes.count, bytes[i + 16] == UInt8(ascii: "\""),
            let raw = Self.hex(UnsafeBufferPointer(rebasing: bytes[i..<(i + 16)]))
        else { throw invalid() }
        i += 17
        skipSpace()
        guard literal(":") else { throw invalid() }
        return raw
    }

    /// Moves past an object with no object inside (`{ … }`); false when there is none.
    mutating func skipFlatObject() -> Bool {
        skipSpace()
        guard peek() == UInt8(ascii: "{"), let base = bytes.baseAddress,
            let close = memchr(base + i, Int32(UInt8(ascii: "}")), bytes.count - i)
        else { return false }
        let end = UnsafeRawPointer(close) - UnsafeRawPointer(base)
        // A brace inside would be a nested object or a string holding one: not flat.
        guard memchr(base + i + 1, Int32(UInt8(ascii: "{")), end - i - 1) == nil else {
            return false
        }
        i = end + 1
        return true
    }

    /// The item whose key ends just before the reader's position: `: {read, starred,
    /// changed}`; nil when no colon follows (the digits were not a key).
    mutating func itemAfterKey(_ raw: UInt64) throws(Failure) -> ItemState? {
        skipSpace()
        guard peek() == UInt8(ascii: ":") else { return nil }
        i += 1
        return try item(raw)
    }

    /// Parses a whole file.
    /// - Throws: `Failure` for invalid JSON (`not valid JSON`, or `it ends early`) and for a
    ///   shape this version does not read.
    mutating func read(newest: Int) throws(Failure) -> ReadState {
        var version: Int?
        var items: [ItemID: ItemState]?
        skipSpace()
        guard peek() == UInt8(ascii: "{") else {
            if i >= bytes.count {
                throw Failure(message: "not valid JSON (it ends early)", offset: i)
            }
            try skipValue()
            throw Failure(
                message: "expected a JSON object with \"version\" and \"items\"", offset: nil)
        }
        try object { reader, key throws(Failure) in
            switch String(decoding: key, as: UTF8.self) {
            case "version":
                guard let number = try reader.integer() else {
                    throw Failure(message: "\"version\" is missing or not a number", offset: nil)
                }
                guard number <= newest else {
                    throw Failure(
                        message:
                            "written by a newer quire (version \(number); this one reads \(newest))",
                        offset: nil)
                }
                version = number
            case "items":
                items = try reader.items()
            default:
                try reader.skipValue()
            }
        }
        skipSpace()
        if i < bytes.count { throw Failure(message: "not valid JSON", offset: i) }
        guard version != nil else {
            throw Failure(message: "\"version\" is missing or not a number", offset: nil)
        }
        guard let items else {
            throw Failure(message: "\"items\" is missing or not an object", offset: nil)
        }
        return ReadState(items: items)
    }

    /// One journal line: `{"id": "<16 hex digits>", "read": …, "starred": …, "changed": …}`.
    mutating func journalEntry() throws(Failure) -> (ItemID, ItemState) {
        var id: UInt64?
        var read: Bool?
        var starred: Bool?
        var changed: Int?
        let shape = Failure(
            message: "a journal entry needs \"id\", \"read\", \"starred\" and \"changed\"",
            offset: nil)
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw invalid() }
        try object { reader, field throws(Failure) in
            switch String(decoding: field, as: UTF8.self) {
            case "id":
                guard let text = try reader.stringValue(), text.utf8.count == 16,
                    let raw = UInt64(text, radix: 16)
                else { throw shape }
                id = raw
            case "read": read = try reader.boolean()
            case "starred": starred = try reader.boolean()
            case "changed":
                guard let text = try reader.stringValue(),
                    let seconds = StateClock.seconds(iso: text)
                else { throw shape }
                changed = seconds
            default: try reader.skipValue()
            }
        }
        skipSpace()
        if i < bytes.count { throw invalid() }
        guard let id, let read, let starred, let changed else { throw shape }
        return (ItemID(rawValue: id), ItemState(read: read, starred: starred, changed: changed))
    }

    /// The `items` object: id → `{read, starred, changed}`.
    private mutating func items() throws(Failure) -> [ItemID: ItemState] {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else {
            try skipValue()
            throw Failure(message: "\"items\" is missing or not an object", offset: nil)
        }
        var items: [ItemID: ItemState] = [:]
        // About 80 bytes an item: room for all of them at once.
        items.reserveCapacity(bytes.count / 80)
        try object { reader, key throws(Failure) in
            guard key.count == 16, let raw = Self.hex(key) else {
                let text = String(decoding: key, as: UTF8.self)
                throw Failure(message: "item id \"\(text)\" is not 16 hex digits", offset: nil)
            }
            items[ItemID(rawValue: raw)] = try reader.item(raw)
        }
        return items
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        word.withUTF8Buffer { expected in
            expected.count == bytes.count
                && memcmp(expected.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// The value of 16 hex digits.
    private static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var bad: UInt8 = 0
        hexDigits.withUnsafeBufferPointer { table in
            for byte in digits {
                let digit = table[Int(byte)]
                bad |= digit
                value = value << 4 | UInt64(digit & 0x0F)
            }
        }
        return bad & 0x80 == 0 ? value : nil
    }

    /// Each byte's value as a hex digit, or 0x80 when it is not one.
    private static let hexDigits: [UInt8] = (0...255).map { byte in
        switch byte {
        case 48...57: UInt8(byte - 48)
        case 97...102: UInt8(byte - 87)
        case 65...70: UInt8(byte - 55)
        default: 0x80
        }
    }

    mutating func item(_ raw: UInt64) throws(Failure) -> ItemState {
        skipSpace()
        var shape: Failure {
            Failure(
                message:
                    "item \(ItemID(rawValue: raw)) needs \"read\", \"starred\" and \"changed\"",
                offset: nil)
        }
        guard peek() == UInt8(ascii: "{") else {
            try skipValue()
            throw shape
        }
        var read: Bool?
        var starred: Bool?
        var changed: Int?
        try object { reader, field throws(Failure) in
            switch field.count {
            case 4 where Self.equal(field, "read"): read = try reader.boolean()
            case 7 where Self.equal(field, "starred"): starred = try reader.boolean()
            case 7 where Self.equal(field, "changed"):
                reader.skipSpace()
                if reader.peek() == UInt8(ascii: "\""), let end = reader.plainStringEnd(),
                    let seconds = StateClock.seconds(
                        iso: UnsafeBufferPointer(rebasing: reader.bytes[(reader.i + 1)..<end]))
                {
                    reader.i = end + 1
                    changed = seconds
                    return
                }
                guard let text = try reader.stringValue() else { throw shape }
                guard let seconds = StateClock.seconds(iso: text) else {
                    throw Failure(
                        message:
                            "item \(ItemID(rawValue: raw)): \"changed\" is not an ISO 8601 time (\(text))",
                        offset: nil)
                }
                changed = seconds
            default: try reader.skipValue()
            }
        }
        guard let read, let starred, let changed else { throw shape }
        return ItemState(read: read, starred: starred, changed: changed)
    }

    // MARK: JSON

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private func invalid() -> Failure {
        i >= bytes.count
            ? Failure(message: "not valid JSON (it ends early)", offset: bytes.count)
            : Failure(message: "not valid JSON", offset: i)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        skipSpace()
        guard peek() == byte else { throw invalid() }
        i += 1
    }

    /// Walks an object, calling `body` with each key's UTF-8 (valid only during the call);
    /// `body` must consume the value.
    private mutating func object(
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
            skipSpace()
            guard let next = peek() else { throw invalid() }
            i += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                i -= 1
                throw invalid()
            }
        }
    }

    /// `true` or `false`; nil (after skipping it) for any other value.
    private mutating func boolean() throws(Failure) -> Bool? {
        skipSpace()
        if literal("true") { return true }
        if literal("false") { return false }
        try skipValue()
        return nil
    }

    /// An integer; nil (after skipping it) for any other value.
    private mutating func integer() throws(Failure) -> Int? {
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
    private mutating func stringValue() throws(Failure) -> String? {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try string()
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let matches = memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0
        if matches { i += count }
        return matches
    }

    /// Where the string opening at `i` closes, when it has no escapes and is valid UTF-8
    /// without controls; nil otherwise (then `string()` reads it).
    private func plainStringEnd() -> Int? {
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
    private mutating func string() throws(Failure) -> String {
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

    private mutating func hex4() throws(Failure) -> UInt32 {
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

    private mutating func skipNumber() throws(Failure) {
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

    private mutating func skipDigits() {
        while let byte = peek(), (48...57).contains(byte) { i += 1 }
    }

    /// Skips any JSON value, checking it; nesting is bounded so a hostile file cannot
    /// exhaust the stack.
    private mutating func skipValue(depth: Int = 0) throws(Failure) {
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
                skipSpace()
                guard let next = peek() else { throw invalid() }
                i += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else {
                    i -= 1
                    throw invalid()
                }
            }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): if !literal("true") { throw invalid() }
        case UInt8(ascii: "f"): if !literal("false") { throw invalid() }
        case UInt8(ascii: "n"): if !literal("null") { throw invalid() }
        default: try skipNumber()
        }
    }
}
