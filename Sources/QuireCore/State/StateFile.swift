import Foundation

/// A state file that cannot be used, and where: quire never overwrites such a file.
public struct StateFileError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        if let line, let column { return "\(path):\(line):\(column): \(message)" }
        return "\(path): \(message)"
    }
}

/// The state file's format (DESIGN.md's contract, version 1), read and written.
///
/// `{ "version": 1, "items": { "<id>": { "read": true, "starred": false, "changed": "…" } } }`.
/// Items are written sorted by id, one per line, so the file diffs and merges well in git.
public enum StateFile {
    public static let version = 1

    /// Parses a state file's bytes.
    /// - Throws: `StateFileError` naming what is wrong: invalid JSON (with line and column),
    ///   a wrong shape, or a newer version than this quire reads.
    public static func decode(_ data: Data, path: String) throws -> ReadState {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (offset, endsEarly) = offset(of: error, in: data)
            let (line, column) = position(ofByte: offset, in: data)
            throw StateFileError(
                path: path,
                message: endsEarly ? "not valid JSON (it ends early)" : "not valid JSON",
                line: line, column: column)
        }
        guard let root = object as? [String: Any] else {
            throw StateFileError(
                path: path, message: "expected a JSON object with \"version\" and \"items\"")
        }
        guard let version = root["version"] as? Int else {
            throw StateFileError(path: path, message: "\"version\" is missing or not a number")
        }
        guard version <= Self.version else {
            throw StateFileError(
                path: path,
                message:
                    "written by a newer quire (version \(version); this one reads \(Self.version))")
        }
        guard let items = root["items"] as? [String: Any] else {
            throw StateFileError(path: path, message: "\"items\" is missing or not an object")
        }
        var state = ReadState()
        for (key, value) in items {
            guard let id = ItemID(hex: key) else {
                throw StateFileError(path: path, message: "item id \"\(key)\" is not 16 hex digits")
            }
            guard let item = value as? [String: Any], let read = item["read"] as? Bool,
                let starred = item["starred"] as? Bool, let changed = item["changed"] as? String
            else {
                throw StateFileError(
                    path: path, message: "item \(key) needs \"read\", \"starred\" and \"changed\"")
            }
            state.items[id] = ItemState(read: read, starred: starred, changed: changed)
        }
        return state
    }

    /// The file's bytes for `state`.
    public static func encode(_ state: ReadState) -> Data {
        var j = JSONText(reservingCapacity: 64 + state.items.count * 80)
        j.raw("{ \"version\": \(version),\n  \"items\": {")
        let ids = state.items.keys.sorted()
        for (index, id) in ids.enumerated() {
            let item = state.items[id]!
            j.raw("\n    ")
            j.string(id.description)
            j.raw(": { \"read\": \(item.read), \"starred\": \(item.starred), \"changed\": ")
            j.string(item.changed)
            j.raw(index + 1 < ids.count ? " }," : " }")
        }
        j.raw(ids.isEmpty ? "} }\n" : "\n  } }\n")
        return Data(j.output)
    }

    /// The byte offset a JSONSerialization error points at, and whether the text ended
    /// before the JSON did (a file cut short: the error names no character, so the end).
    private static func offset(of error: Error, in data: Data) -> (Int, Bool) {
        let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
        if let range = text.range(of: "character "),
            let offset = Int(text[range.upperBound...].prefix(while: { $0.isNumber })),
            offset < data.count
        {
            return (offset, false)
        }
        return (data.count, true)
    }

    /// Line and column (1-based) of the byte at `offset`.
    private static func position(ofByte offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 10 {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
