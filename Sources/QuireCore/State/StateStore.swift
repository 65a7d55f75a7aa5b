import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state file on disk: locked, journalled and replaced atomically, so no mark is lost.
///
/// Two files: the snapshot (`state.json`, the contract's JSON) and its journal
/// (`state.json.journal`, one JSON line per change; see `StateJournal`). Every write takes
/// an exclusive `flock` on `state.json.lock` (the kernel releases it if the process dies).
/// A mark (`commit`) appends its lines to the journal and `fsync`s it: its cost does not
/// grow with the state. When the journal passes its threshold, the writer holding the lock
/// folds it into a new snapshot — a temporary file in the same folder, written and
/// fsynced, given the old file's mode, renamed over the old one, the folder fsynced — and
/// only then removes the journal. Reading merges the snapshot and the journal item by item
/// (the most recent change wins; see `ItemState.newer`), so two writers never lose each
/// other's marks. A symlinked state file stays a symlink: its target is replaced. A
/// snapshot or journal that cannot be parsed is never written over or appended to.
public final class StateStore: @unchecked Sendable {
    /// The path the user gave (or the default), which may be a symlink.
    public let path: String
    /// Where this store last read up to: the snapshot and journal it read (by inode; 0 when
    /// there was no journal) and how far into the journal; a commit then reads only what
    /// others appended since.
    private var cursor: Cursor?
    /// `load` may run on one thread while `commit` runs on another (the reader reads the
    /// file in the background while a key's mark is saved).
    private let cursorLock = NSLock()

    private struct Cursor: Equatable {
        var snapshot: UInt64
        var journal: UInt64
        var offset: Int
    }

    public init(path: String) { self.path = path }

    /// The state on disk, snapshot and journal merged; empty when there is no file yet.
    /// - Throws: `StateFileError` when a file exists but cannot be read or used.
    ///
    /// Also notes how far it read, so this store's next `commit` reads only what other
    /// writers append after this (a reader that loaded a large state pays for it once).
    public func load() throws -> ReadState {
        let target = resolvedPath()
        let snapshotInode = inode(target)
        var state = try loadSnapshot(target)
        try readJournal(of: target, snapshotInode: snapshotInode) { lines, path in
            try StateJournal.read(lines, into: &state, path: path)
        }
        return state
    }

    /// The marks of `ids` alone, snapshot and journal merged: what `quire mark` needs, and
    /// `quire list` for the items of its library.
    ///
    /// Costs a byte search of the files rather than a parse of every item (see
    /// `StateLookup`); a snapshot that does not look whole is read whole, so damage is
    /// refused as by `load`. Notes how far it read, like `load`.
    /// - Throws: `StateFileError` when a file exists but cannot be read or used.
    public func marks(of ids: Set<ItemID>) throws -> [ItemID: ItemState] {
        let target = resolvedPath()
        let snapshotInode = inode(target)
        var state: ReadState
        switch try withMappedFile(
            target,
            { snapshot -> [ItemID: ItemState]? in
                guard StateLookup.looksWhole(snapshot, newest: StateFile.version) else {
                    return nil
                }
                do throws(StateFileReader.Failure) {
                    return try StateLookup.items(ids, in: snapshot)
                } catch {
                    return nil  // an entry that does not parse: the whole read says where
                }
            })
        {
        case .some(.some(let found)): state = ReadState(items: found)
        case .some(.none): return try load().items.filter { ids.contains($0.key) }
        case .none: state = ReadState()  // no snapshot yet
        }
        try readJournal(of: target, snapshotInode: snapshotInode) { lines, path in
            try StateLookup.journalItems(ids, in: lines, into: &state, path: path)
        }
        return state.items
    }

    /// Reads the journal beside `target` with `read` (given its bytes and the path to name
    /// in errors; it returns the length of the whole lines it read), then notes how far
    /// this store has read — unless the snapshot was replaced meanwhile.
    private func readJournal(
        of target: String, snapshotInode: UInt64,
        _ read: (UnsafeBufferPointer<UInt8>, String) throws -> Int
    ) throws {
        let journal = StateJournal.path(for: target)
        let fd = open(journal, O_RDONLY | O_CLOEXEC)
        // No journal yet: whatever journal the next commit finds is all new to it.
        var cursor = Cursor(snapshot: snapshotInode, journal: 0, offset: 0)
        if fd >= 0 {
            defer { close(fd) }
            var info = stat()
            fstat(fd, &info)
            let bytes = try readRange(fd, from: 0, to: Int(info.st_size))
            let whole = try bytes.withUnsafeBufferPointer { try read($0, displayPath(journal)) }
            cursor = Cursor(snapshot: snapshotInode, journal: UInt64(info.st_ino), offset: whole)
        }
        if inode(target) == snapshotInode { setCursor(cursor) }
    }

    /// What the journal and snapshot hold: for `quire state stats`.
    public func sizes() -> (snapshot: Int, journal: Int, journalLines: Int) {
        let target = resolvedPath()
        let journal = FileManager.default.contents(atPath: StateJournal.path(for: target))
        return (
            fileSize(target), journal?.count ?? 0,
            journal?.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } ?? 0
        )
    }

    /// Makes `changes` durable: appended to the journal and fsynced, under the lock.
    ///
    /// - Returns: the marks this store has not seen yet — on its first call the whole
    ///   state, after that what other writers added since — with `changes` merged in.
    /// - Throws: `StateFileError` when the state on disk cannot be parsed (nothing is
    ///   written) or the journal cannot be written (the disk is full…).
    @discardableResult
    public func commit(_ changes: [ItemID: ItemState]) throws -> ReadState {
        try locked(creatingFolder: true) { target, folder in
            // Nothing is written beside a snapshot that cannot be read.
            let known = cursorLock.withLock { cursor }
            let snapshot: ReadState? = known == nil ? try loadSnapshot(target) : nil
            let journalPath = StateJournal.path(for: target)
            let existed = FileManager.default.fileExists(atPath: journalPath)
            // A new journal takes the snapshot's mode (a private state file stays private).
            var mode: mode_t = 0o644
            var snapshotInfo = stat()
            if stat(target, &snapshotInfo) == 0 { mode = snapshotInfo.st_mode & 0o7777 }
            let fd = open(journalPath, O_RDWR | O_CREAT | O_CLOEXEC, mode)
            guard fd >= 0 else { throw failure("cannot open \(journalPath)") }
            defer { close(fd) }
            var info = stat()
            fstat(fd, &info)
            let snapshotInode = inode(target)
            var seen: ReadState
            var size = Int(info.st_size)
            if let cursor = known, cursor.snapshot == snapshotInode,
                cursor.journal == UInt64(info.st_ino) || cursor.journal == 0, cursor.offset <= size
            {
                // Only what other writers appended since this store last looked.
                seen = ReadState()
                let fresh = try readRange(fd, from: cursor.offset, to: size)
                let whole = try fresh.withUnsafeBufferPointer {
                    try StateJournal.read($0, into: &seen, path: displayPath(journalPath))
                }
                size = cursor.offset + whole
            } else {
                seen = try snapshot ?? loadSnapshot(target)
                let all = try readRange(fd, from: 0, to: size)
                size = try all.withUnsafeBufferPointer {
                    try StateJournal.read($0, into: &seen, path: displayPath(journalPath))
                }
            }
            // A line cut short by a writer that died is not a mark: cut it off.
            if size < Int(info.st_size), ftruncate(fd, off_t(size)) != 0 {
                throw failure("cannot repair \(journalPath)")
            }
            var lines: [UInt8] = []
            for id in changes.keys.sorted() { lines += StateJournal.line(id, changes[id]!) }
            guard writeAll(fd, lines, at: size), fsync(fd) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = ftruncate(fd, off_t(size))
                throw StateFileError(path: path, message: "saving failed: \(reason)")
            }
            if !existed { syncFolder(folder) }
            size += lines.count
            seen.merge(ReadState(items: changes))
            setCursor(Cursor(snapshot: snapshotInode, journal: UInt64(info.st_ino), offset: size))
            if size > StateJournal.threshold(snapshotBytes: fileSize(target)) {
                try compact(target: target, folder: folder)
            }
            return seen
        }
    }

    /// Runs `body` with the state file's real path and its folder, under the file's lock
    /// and with stale temporaries removed; `creatingFolder` makes the folder first.
    private func locked<T>(
        creatingFolder: Bool, _ body: (_ target: String, _ folder: String) throws -> T
    ) throws -> T {
        let target = resolvedPath()
        let folder = (target as NSString).deletingLastPathComponent
        if creatingFolder { try createFolder(folder) }
        let lock = try FileLock(path: target + ".lock", displayPath: path)
        defer { lock.unlock() }
        removeStaleTemporaries(in: folder, of: target)
        return try body(target, folder)
    }

    /// Folds the journal into the snapshot now (`quire state compact`).
    public func compact() throws {
        try locked(creatingFolder: false) { target, folder in
            try compact(target: target, folder: folder)
        }
    }

    /// Changes the state under the lock: reads snapshot and journal, lets `change` edit
    /// the whole, and writes it back as one new snapshot with no journal.
    /// - Returns: the state as written.
    @discardableResult
    public func update(_ change: (inout ReadState) throws -> Void) throws -> ReadState {
        try locked(creatingFolder: true) { target, folder in
            var state = try load()
            let before = state
            try change(&state)
            let journal = StateJournal.path(for: target)
            if state != before || !FileManager.default.fileExists(atPath: target)
                || FileManager.default.fileExists(atPath: journal)
            {
                try write(StateFile.encode(state), to: target, folder: folder)
                removeJournal(journal, folder: folder)
            }
            setCursor(nil)
            return state
        }
    }

    /// Writes snapshot and journal merged as the new snapshot, then removes the journal
    /// (a crash between the two leaves entries the snapshot already has: harmless).
    private func compact(target: String, folder: String) throws {
        let state = try load()
        try write(StateFile.encode(state), to: target, folder: folder)
        removeJournal(StateJournal.path(for: target), folder: folder)
        setCursor(nil)
    }

    private func setCursor(_ value: Cursor?) { cursorLock.withLock { cursor = value } }

    private func removeJournal(_ journal: String, folder: String) {
        if unlink(journal) == 0 { syncFolder(folder) }
    }

    private func loadSnapshot(_ target: String) throws -> ReadState {
        // Mapped, not copied: a snapshot of a million items is 95 MB.
        try withMappedFile(target) { bytes in
            guard let base = bytes.baseAddress else {
                return try StateFile.decode(Data(), path: path)
            }
            let data = Data(
                bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count,
                deallocator: .none)
            return try StateFile.decode(data, path: path)
        } ?? ReadState()
    }

    /// The journal's path as the user would name it: beside the path they gave.
    private func displayPath(_ journal: String) -> String {
        path == resolvedPath() ? journal : StateJournal.path(for: path)
    }
}
