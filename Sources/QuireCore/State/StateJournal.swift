import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state file's journal: one JSON object a line, appended for each mark.
///
/// `state.json.journal` beside the snapshot holds the marks made since the snapshot was
/// last written, one `{"id": …, "read": …, "starred": …, "changed": …}` a line (`jq -c .`
/// reads it). A mark costs one short append and an `fsync`, whatever the size of the
/// snapshot; when the journal grows past `StateJournal.threshold(snapshotBytes:)`, the
/// writer that holds the lock folds it into a new snapshot and removes it. A line cut
/// short by a writer that died (no newline yet: its mark was never acknowledged) is
/// ignored by readers and cut off by the next writer.
enum StateJournal {
    /// The journal of a snapshot at `target`.
    static func path(for target: String) -> String { target + ".journal" }

    /// Journal bytes past which it is folded into the snapshot: 1 MiB, or an eighth of the
    /// snapshot when that is more, so folding (which rewrites the snapshot) costs each mark
    /// a bounded share whatever the size.
    static func threshold(snapshotBytes: Int) -> Int { max(1 << 20, snapshotBytes / 8) }

    /// The line for one item, newline included.
    static func line(_ id: ItemID, _ item: ItemState) -> [UInt8] {
        var j = JSONText(reservingCapacity: 100)
        j.raw("{\"id\": ")
        j.string(id.description)
        j.raw(", \"read\": \(item.read), \"starred\": \(item.starred), \"changed\": ")
        j.string(StateClock.format(secondsSince1970: item.changed))
        j.raw("}\n")
        return j.output
    }

    /// The entries in `bytes` (whole lines only; a last line without its newline is not
    /// yet written and is skipped), merged newest-wins into `state`.
    /// - Returns: the length of the whole lines read.
    /// - Throws: `StateFileError` naming the line and column of an entry that is not valid.
    @discardableResult
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, into state: inout ReadState, path: String,
        firstLine: Int = 1
    ) throws -> Int {
        var start = 0
        var line = firstLine
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 10) else { break }
            let entry = UnsafeBufferPointer(rebasing: bytes[start..<newline])
            if entry.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) {
                var reader = StateFileReader(entry)
                do throws(StateFileReader.Failure) {
                    let (id, item) = try reader.journalEntry()
                    state.merge(id, item)
                } catch {
                    throw StateFileError(
                        path: path, message: error.message, line: line,
                        column: error.offset.map { $0 + 1 } ?? 1)
                }
            }
            start = newline + 1
            line += 1
        }
        return start
    }
}
