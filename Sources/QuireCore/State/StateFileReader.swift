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

    /// The bytes read, and the offset of the next one.
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A reader that starts at `offset`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        self.bytes = bytes
        i = offset
    }

    /// Moves past `{ "version": N` as quire writes it; N, or nil for any other opening.
    mutating func openVersion() -> Int? {
        guard tokens("{", "\"version\"", ":") else { return nil }
        skipSpace()
        let start = i
        skipDigits()
        guard i > start, i - start <= 9 else { return nil }
        return bytes[start..<i].reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// Moves past `{ "version": N, "items": {` as quire writes it; false for any other
    /// opening.
    mutating func openItems() -> Bool {
        openVersion() != nil && tokens(",", "\"items\"", ":", "{")
    }

    /// Moves past `tokens`, each after optional whitespace; false at the first that is not
    /// there.
    private mutating func tokens(_ tokens: StaticString...) -> Bool {
        for token in tokens {
            skipSpace()
            guard literal(token) else { return false }
        }
        return true
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
}
