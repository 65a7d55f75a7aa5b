import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state file on disk: locked, merged and replaced atomically, so no mark is lost.
///
/// Every commit takes an exclusive `flock` on a lock file beside the state file (the kernel
/// releases it if the process dies), reads what is there now, merges this process's
/// changes into it item by item (the most recent change wins; see `ItemState.newer`), and
/// replaces the file atomically: a temporary file in the same folder, written and fsynced,
/// given the old file's mode, renamed over the old one, then the folder fsynced. A
/// symlinked state file stays a symlink: its target is replaced. A file that cannot be
/// parsed is never written over.
public final class StateStore: @unchecked Sendable {
    /// The path the user gave (or the default), which may be a symlink.
    public let path: String

    public init(path: String) { self.path = path }

    /// The state on disk; empty when there is no file yet.
    /// - Throws: `StateFileError` when the file exists but cannot be read or used.
    public func load() throws -> ReadState {
        let target = resolvedPath()
        guard FileManager.default.fileExists(atPath: target) else { return ReadState() }
        guard let data = FileManager.default.contents(atPath: target) else {
            throw StateFileError(
                path: path, message: "cannot be read (\(String(cString: strerror(errno))))")
        }
        return try StateFile.decode(data, path: path)
    }

    /// Writes `changes` into the file, merged with whatever is there now.
    /// - Returns: the merged state, which includes marks another instance wrote.
    /// - Throws: `StateFileError` when the file on disk cannot be parsed (it is left as it
    ///   is) or cannot be written (the disk is full, the folder is read-only…).
    @discardableResult
    public func commit(_ changes: [ItemID: ItemState]) throws -> ReadState {
        try update { $0.merge(ReadState(items: changes)) }
    }

    /// Changes the file under the lock: reads it, lets `change` edit it, writes it back.
    /// - Returns: the state as written.
    @discardableResult
    public func update(_ change: (inout ReadState) throws -> Void) throws -> ReadState {
        let target = resolvedPath()
        let folder = (target as NSString).deletingLastPathComponent
        try createFolder(folder)
        let lock = try FileLock(path: target + ".lock", displayPath: path)
        defer { lock.unlock() }
        removeStaleTemporaries(in: folder, of: target)
        var state = try load()
        let before = state
        try change(&state)
        if state != before || !FileManager.default.fileExists(atPath: target) {
            try write(StateFile.encode(state), to: target, folder: folder)
        }
        return state
    }

    /// The file to replace: the symlink's target when the path is a symlink.
    func resolvedPath() -> String {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        else { return path }
        if destination.hasPrefix("/") { return destination }
        return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            destination)
    }

    /// Removes temporary files that writers killed mid-save left (`.state.json.28796.tmp`).
    ///
    /// Called with the lock held: a writer makes its temporary file only under the lock,
    /// so any still there belongs to a writer that died.
    private func removeStaleTemporaries(in folder: String, of target: String) {
        let prefix = "." + (target as NSString).lastPathComponent + "."
        let directory = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return
        }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let pid = name.dropFirst(prefix.count).dropLast(4)
            guard !pid.isEmpty, pid.utf8.allSatisfy({ (48...57).contains($0) }) else { continue }
            unlink(directory + "/" + name)
        }
    }

    private func createFolder(_ folder: String) throws {
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StateFileError(path: path, message: "cannot create the folder \(folder)")
        }
    }

    private func write(_ data: Data, to target: String, folder: String) throws {
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        let name = (target as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        if ok { ok = fchmod(fd, mode) == 0 && fsync(fd) == 0 }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw StateFileError(path: path, message: "saving failed: \(reason)")
        }
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private func failure(_ what: String) -> StateFileError {
        StateFileError(
            path: path, message: "saving failed: \(what): \(String(cString: strerror(errno)))")
    }
}

/// An exclusive `flock` on a lock file, released on `unlock` or when the process dies.
final class FileLock {
    private let fd: Int32

    init(path: String, displayPath: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StateFileError(
                path: displayPath,
                message:
                    "saving failed: cannot open the lock \(path): \(String(cString: strerror(errno)))"
            )
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(fd)
                throw StateFileError(
                    path: displayPath, message: "saving failed: cannot lock \(path)")
            }
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
