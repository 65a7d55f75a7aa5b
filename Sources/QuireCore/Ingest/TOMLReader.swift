/// Reads TOML (1.0) as Hugo and other site generators write front matter between `+++`
/// lines, and hands it on as JSON text for the front-matter reader.
///
/// Written here rather than taken from TOMLKit: TOMLKit's toml++ checks much of its input
/// with assertions, which abort the process on malformed text (`[.a]`, a date whose time
/// does not start with a digit) in every build that keeps them, SwiftPM's release builds
/// of C++ included; the fuzzer found two such inputs in two runs (DECISIONS.md). This
/// reader is strict and total: any text that is not TOML gives nil, never a crash.
///
/// Covered: comments; bare, quoted and dotted keys; `[table]` and `[[array of tables]]`
/// headers; basic and literal strings, one-line and multi-line, with every escape;
/// integers (with `_`, `0x`, `0o`, `0b`), floats (`inf`, `nan`), booleans; dates and times
/// (kept as their text); arrays over several lines; inline tables. A key given twice is an
/// error, as TOML says.
public enum TOMLReader {
    /// A TOML value; tables keep their keys' order.
    public indirect enum Value: Equatable, Sendable {
        case string(String)
        /// An integer, float or boolean, as JSON writes it.
        case literal(String)
        case array([Value])
        case table([Entry])
    }

    /// One key of a table and its value.
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var value: Value
    }

    /// A TOML document read whole: its root table, and the line each key was given on.
    public struct Document: Sendable {
        public var root: Value
        /// The line (from 1) of each statement's full key path (`["keys", "move-down"]`).
        var lines: [[String]: Int]

        /// The line `path` was given on: its own, or the nearest enclosing key's (a key
        /// inside an inline table is on its statement's line).
        public func line(of path: [String]) -> Int? {
            var path = path
            while !path.isEmpty {
                if let line = lines[path] { return line }
                path.removeLast()
            }
            return nil
        }
    }

    /// Why a text is not TOML, and on which line (from 1).
    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// `toml` read whole, or the line and reason it is not TOML.
    public static func document(_ toml: String) -> Result<Document, Failure> {
        var parser = Parser(Array(toml.utf8))
        return parser.document()
    }

    /// `toml` as a JSON object; nil when it is not TOML.
    static func json(_ toml: String) -> String? {
        guard let root = read(toml) else { return nil }
        var j = JSONText(reservingCapacity: toml.utf8.count * 2)
        write(root, to: &j)
        return UTF8Text.string(validated: j.output)
    }

    /// The document's root table; nil when `toml` is not TOML.
    static func read(_ toml: String) -> Value? {
        try? document(toml).get().root
    }

    private static func write(_ value: Value, to j: inout JSONText) {
        switch value {
        case .string(let text): j.string(text)
        case .literal(let text): j.raw(text)
        case .array(let items):
            j.raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { j.raw(",") }
                write(item, to: &j)
            }
            j.raw("]")
        case .table(let entries):
            j.raw("{")
            for (index, entry) in entries.enumerated() {
                if index > 0 { j.raw(",") }
                j.string(entry.key)
                j.raw(":")
                write(entry.value, to: &j)
            }
            j.raw("}")
        }
    }

    /// A failure: the text is not TOML, and why.
    private struct Invalid: Error {
        var message = "not valid TOML"
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// How deep arrays and inline tables nest here; bounded so no input runs the stack out.
        var depth = 0
        static let maximumDepth = 64

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func document() -> Result<Document, Failure> {
            var root = Value.table([])
            var lines: [[String]: Int] = [:]
            // Where `key = value` lines go: the path of the last header, and whether it
            // named an array of tables (then the array's last table).
            var path: [String] = []
            do {
                while true {
                    skipBlankAndComments()
                    guard let byte = current else { break }
                    let line = lineNumber(at: index)
                    if byte == UInt8(ascii: "[") {
                        let isArray = index + 1 < bytes.count && bytes[index + 1] == byte
                        index += isArray ? 2 : 1
                        skipSpaces()
                        let keys = try key()
                        skipSpaces()
                        try expect(UInt8(ascii: "]"))
                        if isArray { try expect(UInt8(ascii: "]")) }
                        try Self.open(&root, path: keys, appending: isArray)
                        try endOfLine()
                        path = keys
                        lines[keys] = line
                        continue
                    }
                    let keys = try key()
                    skipSpaces()
                    try expect(UInt8(ascii: "="), "expected = after the key")
                    skipSpaces()
                    let item = try value()
                    try Self.insert(&root, at: path + keys, item)
                    try endOfLine()
                    lines[path + keys] = line
                }
            } catch {
                let message = (error as? Invalid)?.message ?? "not valid TOML"
                return .failure(Failure(line: lineNumber(at: index), message: message))
            }
            return .success(Document(root: root, lines: lines))
        }

        /// The line (from 1) of the byte at `offset`.
        func lineNumber(at offset: Int) -> Int {
            1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }

        // MARK: Tables

        /// Makes the table at `path` (the last array's last table along the way), or adds a
        /// table to the array of tables at `path`.
        static func open(_ root: inout Value, path: [String], appending: Bool) throws {
            try update(&root, path[...]) { node in
                if appending {
                    switch node {
                    case nil: node = .array([.table([])])
                    case .array(var items)?:
                        items.append(.table([]))
                        node = .array(items)
                    default:
                        throw Invalid(
                            message: "[[\(path.joined(separator: "."))]] is already a value")
                    }
                } else {
                    switch node {
                    case nil: node = .table([])
                    case .table?: break
                    default:
                        throw Invalid(
                            message: "[\(path.joined(separator: "."))] is already a value")
                    }
                }
            }
        }

        static func insert(_ root: inout Value, at path: [String], _ item: Value) throws {
            try update(&root, path[...]) { node in
                guard case .none = node else {
                    throw Invalid(message: "\(path.joined(separator: ".")) is given twice")
                }
                node = item
            }
        }

        /// Calls `body` with the slot at `path` below `table` (nil when empty), making the
        /// tables on the way; an array of tables on the way leads into its last table.
        static func update(
            _ table: inout Value, _ path: ArraySlice<String>, _ body: (inout Value?) throws -> Void
        ) throws {
            guard let first = path.first else { throw Invalid() }
            guard case .table(var entries) = table else { throw Invalid() }
            let position = entries.firstIndex { $0.key == first }
            var slot = position.map { entries[$0].value }
            if path.count == 1 {
                try body(&slot)
            } else {
                var next = slot ?? .table([])
                switch next {
                case .table:
                    try update(&next, path.dropFirst(), body)
                case .array(var items):
                    guard var last = items.popLast(), case .table = last else { throw Invalid() }
                    try update(&last, path.dropFirst(), body)
                    items.append(last)
                    next = .array(items)
                default:
                    throw Invalid()
                }
                slot = next
            }
            guard let slot else { return }
            if let position {
                entries[position].value = slot
            } else {
                entries.append(Entry(key: first, value: slot))
            }
            table = .table(entries)
        }

        // MARK: Keys

        /// A dotted key: `a`, `"a b".c`, `site . 'x'`.
        mutating func key() throws -> [String] {
            var keys = [try simpleKey()]
            while true {
                let mark = index
                skipSpaces()
                guard current == UInt8(ascii: ".") else {
                    index = mark
                    return keys
                }
                index += 1
                skipSpaces()
                keys.append(try simpleKey())
            }
        }

        mutating func simpleKey() throws -> String {
            switch current {
            case UInt8(ascii: "\"")?: return try basicString()
            case UInt8(ascii: "'")?: return try literalString()
            default:
                let start = index
                while let byte = current, Self.isBareKey(byte) { index += 1 }
                guard index > start else {
                    throw Invalid(message: "expected a key (letters, digits, - and _, or quoted)")
                }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
        }

        static func isBareKey(_ byte: UInt8) -> Bool {
            isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }

        // MARK: Values

        mutating func value() throws -> Value {
            guard let byte = current, byte != 10, byte != 13 else {
                throw Invalid(message: "expected a value")
            }
            switch byte {
            case UInt8(ascii: "\""): return .string(try basicString())
            case UInt8(ascii: "'"): return .string(try literalString())
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "{"): return try inlineTable()
            default: return try scalar()
            }
        }

        mutating func nest() throws {
            depth += 1
            if depth > Self.maximumDepth { throw Invalid(message: "values nest too deep") }
        }

        mutating func array() throws -> Value {
            try nest()
            defer { depth -= 1 }
            index += 1  // [
            var items: [Value] = []
            while true {
                skipBlankAndComments()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                items.append(try value())
                skipBlankAndComments()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else {
                    try expect(UInt8(ascii: "]"))
                    return .array(items)
                }
            }
        }

        mutating func inlineTable() throws -> Value {
            try nest()
            defer { depth -= 1 }
            index += 1  // {
            var table = Value.table([])
            skipSpaces()
            if current == UInt8(ascii: "}") {
                index += 1
                return table
            }
            while true {
                skipSpaces()
                let keys = try key()
                skipSpaces()
                try expect(UInt8(ascii: "="))
                skipSpaces()
                try Self.insert(&table, at: keys, try value())
                skipSpaces()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return table
            }
        }

        /// A number, boolean, date or time: a run of the characters they are written with
        /// (a date and a time may be parted by one space).
        mutating func scalar() throws -> Value {
            let start = index
            func isScalarByte(_ byte: UInt8) -> Bool {
                isASCIIAlphanumeric(byte) || "+-_.:".utf8.contains(byte)
            }
            while let byte = current, isScalarByte(byte) { index += 1 }
            // `1979-05-27 07:32:00Z`: a space between a date and a time.
            if index - start == 10, current == 32, index + 1 < bytes.count,
                isASCIIDigit(bytes[index + 1]), bytes[start + 4] == UInt8(ascii: "-")
            {
                index += 1
                while let byte = current, isScalarByte(byte) { index += 1 }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty else { throw Invalid(message: "expected a value") }
            if text == "true" || text == "false" { return .literal(text) }
            if let number = Self.number(text) { return .literal(number) }
            if Self.isDateOrTime(text) { return .string(text) }
            throw Invalid(message: "\(text) is not a value (text goes in quotes)")
        }

        /// `text` as a JSON number, or nil when it is no TOML integer or float.
        static func number(_ text: String) -> String? {
            var body = Substring(text)
            var sign = ""
            if let first = body.first, first == "+" || first == "-" {
                sign = first == "-" ? "-" : ""
                body = body.dropFirst()
            }
            if body == "inf" || body == "nan" { return "null" }  // JSON has neither
            // Underscores only between digits.
            let parts = body.split(separator: "_", omittingEmptySubsequences: false)
            guard !parts.contains(where: \.isEmpty) else { return nil }
            let digits = parts.joined()
            for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix)
            {
                return Int(digits.dropFirst(2), radix: radix).map { sign + String($0) }
            }
            guard let first = digits.first, first.isASCII, first.isNumber else { return nil }
            // No leading zeros, except a zero alone or before a fraction or exponent.
            if digits.count > 1, first == "0", let second = digits.dropFirst().first,
                second != ".", second != "e", second != "E"
            {
                return nil
            }
            if let integer = Int(digits) { return sign + String(integer) }
            guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
                let float = Double(digits), float.isFinite
            else { return nil }
            return sign + digits
        }

        /// `1979-05-27`, `07:32:00`, `1979-05-27T07:32:00.999-07:00` and the like: digits
        /// in the places a date or time has them.
        static func isDateOrTime(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            func digits(_ range: Range<Int>) -> Bool {
                range.upperBound <= bytes.count && bytes[range].allSatisfy(isASCIIDigit)
            }
            func time(from start: Int) -> Int? {
                guard digits(start..<start + 2), start + 2 < bytes.count,
                    bytes[start + 2] == UInt8(ascii: ":"), digits(start + 3..<start + 5)
                else { return nil }
                var end = start + 5
                if end < bytes.count, bytes[end] == UInt8(ascii: ":") {
                    guard digits(end + 1..<end + 3) else { return nil }
                    end += 3
                    if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
                        let fraction = end + 1
                        end = fraction
                        while end < bytes.count, isASCIIDigit(bytes[end]) { end += 1 }
                        guard end > fraction else { return nil }
                    }
                }
                return end
            }
            var end: Int
            if digits(0..<4), bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), digits(5..<7),
                bytes[7] == UInt8(ascii: "-"), digits(8..<10)
            {
                end = 10
                if end < bytes.count {
                    guard "Tt ".utf8.contains(bytes[end]), let after = time(from: end + 1) else {
                        return false
                    }
                    end = after
                }
            } else if let after = time(from: 0) {
                end = after
            } else {
                return false
            }
            // An offset: `Z`, or `+07:00` / `-07:00`.
            if end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "z") {
                end += 1
            } else if end < bytes.count,
                bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-")
            {
                guard digits(end + 1..<end + 3), end + 3 < bytes.count,
                    bytes[end + 3] == UInt8(ascii: ":"), digits(end + 4..<end + 6)
                else { return false }
                end += 6
            }
            return end == bytes.count
        }

        // MARK: Strings

        mutating func basicString() throws -> String {
            if starts(with: "\"\"\"") { return try multilineBasicString() }
            index += 1
            var out: [UInt8] = []
            while true {
                guard let byte = current, byte != 10 else {
                    throw Invalid(message: "the string is not closed on its line")
                }
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"): try escape(into: &out)
                default: out.append(byte)
                }
            }
        }

        mutating func multilineBasicString() throws -> String {
            index += 3
            if current == 10 { index += 1 }  // a newline right after the quotes is not text
            var out: [UInt8] = []
            while true {
                guard let byte = current else { throw Invalid() }
                if starts(with: "\"\"\"") {
                    index += 3
                    // Up to two more quotes belong to the text.
                    var extra = 0
                    while current == UInt8(ascii: "\""), extra < 2 {
                        out.append(UInt8(ascii: "\""))
                        index += 1
                        extra += 1
                    }
                    return String(decoding: out, as: UTF8.self)
                }
                index += 1
                if byte == UInt8(ascii: "\\") {
                    // A backslash ending a line joins it to the next, without spaces.
                    var look = index
                    while look < bytes.count, bytes[look] == 32 || bytes[look] == 9 { look += 1 }
                    if look < bytes.count, bytes[look] == 10 {
                        index = look
                        while let next = current, isASCIIWhitespace(next) { index += 1 }
                        continue
                    }
                    try escape(into: &out)
                } else {
                    out.append(byte)
                }
            }
        }

        mutating func literalString() throws -> String {
            if starts(with: "'''") {
                index += 3
                if current == 10 { index += 1 }
                let start = index
                while index < bytes.count, !starts(with: "'''") { index += 1 }
                guard index < bytes.count else { throw Invalid() }
                var end = index
                index += 3
                while current == UInt8(ascii: "'"), index - end < 5 { index += 1 }
                end = index - 3
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            index += 1
            let start = index
            while let byte = current, byte != UInt8(ascii: "'") {
                guard byte != 10 else {
                    throw Invalid(message: "the string is not closed on its line")
                }
                index += 1
            }
            guard current != nil else { throw Invalid(message: "the string is not closed") }
            index += 1
            return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
        }

        /// The escape after a backslash (already read), appended as UTF-8.
        mutating func escape(into out: inout [UInt8]) throws {
            guard let byte = current else { throw Invalid() }
            index += 1
            switch byte {
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "e"): out.append(27)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = byte == UInt8(ascii: "u") ? 4 : 8
                guard index + count <= bytes.count,
                    let code = UInt32(
                        String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw Invalid() }
                index += count
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw Invalid()
            }
        }

        // MARK: Spacing

        func starts(with text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return UnsafeBufferPointer(start: text.utf8Start, count: count)
                .elementsEqual(bytes[index..<index + count])
        }

        mutating func skipSpaces() {
            while let byte = current, byte == 32 || byte == 9 { index += 1 }
        }

        mutating func skipComment() {
            guard current == UInt8(ascii: "#") else { return }
            while let byte = current, byte != 10 { index += 1 }
        }

        /// Spaces, line ends and comments.
        mutating func skipBlankAndComments() {
            while true {
                skipSpaces()
                skipComment()
                guard current == 10 || current == 13 else { return }
                index += 1
            }
        }

        /// Spaces and a comment, then a line end or the end of the text.
        mutating func endOfLine() throws {
            skipSpaces()
            skipComment()
            if current == 13 { index += 1 }
            guard current == nil || current == 10 else {
                throw Invalid(message: "expected the end of the line")
            }
            if current == 10 { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ message: String? = nil) throws {
            guard current == byte else {
                throw Invalid(message: message ?? "expected \(Character(Unicode.Scalar(byte)))")
            }
            index += 1
        }
    }
}
