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

/// The state file's format (the contract in README's Files section), read and written.
///
/// Version 2 is version 1's shape with a journal beside it (`state.json.journal`, see
/// `StateJournal`); quire writes version 2 and reads both. A quire that reads only version
/// 1 refuses a version 2 file rather than miss the journal's marks.
///
/// `{ "version": 1, "items": { "<id>": { "read": true, "starred": false, "changed": "…" } } }`.
/// Items are written sorted by id, one per line, so the file diffs and merges well in git.
public enum StateFile {
    public static let version = 2

    /// Parses a state file's bytes.
    /// - Throws: `StateFileError` naming what is wrong: invalid JSON (with line and column),
    ///   a wrong shape, or a newer version than this quire reads.
    public static func decode(_ data: Data, path: String) throws -> ReadState {
        let result = data.withUnsafeBytes { raw -> Result<ReadState, StateFileReader.Failure> in
            var reader = StateFileReader(raw.bindMemory(to: UInt8.self))
            do throws(StateFileReader.Failure) {
                return .success(try reader.read(newest: version))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let state):
            return state
        case .failure(let failure):
            guard let offset = failure.offset else {
                throw StateFileError(path: path, message: failure.message)
            }
            let (line, column) = position(ofByte: offset, in: data)
            throw StateFileError(
                path: path, message: failure.message, line: line, column: column)
        }
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
            j.string(StateClock.format(secondsSince1970: item.changed))
            j.raw(index + 1 < ids.count ? " }," : " }")
        }
        j.raw(ids.isEmpty ? "} }\n" : "\n  } }\n")
        return Data(j.output)
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
