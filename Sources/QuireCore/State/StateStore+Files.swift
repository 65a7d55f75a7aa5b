import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The state store's file work: mapping and reading, writing whole and atomically,
/// folders, inodes and the temporary files of writers that died.
extension StateStore {
    /// Calls `body` with the file's bytes mapped into memory; nil when there is no file.
    ///
    /// Writers never change a snapshot in place (they rename a new file over it), so the
    /// mapped bytes stay as they were for the whole read.
    func withMappedFile<R>(
        _ file: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) throws -> R? {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StateFileError(
                path: path, message: "cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        let size = Int(info.st_size)
        guard size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED
        else { throw failure("cannot map \(file)") }
        defer { munmap(mapped, size) }
        return try body(
            UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
    }

    func inode(_ file: String) -> UInt64 {
        var info = stat()
        return stat(file, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    func fileSize(_ file: String) -> Int {
        var info = stat()
        return stat(file, &info) == 0 ? Int(info.st_size) : 0
    }

    func readRange(_ fd: Int32, from start: Int, to end: Int) throws -> [UInt8] {
        guard end > start else { return [] }
        var bytes = [UInt8](repeating: 0, count: end - start)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, $0.count - done, off_t(start + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot read the journal") }
            done += count
        }
        return bytes
    }

    func syncFolder(_ folder: String) {
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
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
    func removeStaleTemporaries(in folder: String, of target: String) {
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

    func createFolder(_ folder: String) throws {
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StateFileError(path: path, message: "cannot create the folder \(folder)")
        }
    }

    func write(_ data: Data, to target: String, folder: String) throws {
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        let name = (target as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot create \(temporary)") }
        var ok = data.withUnsafeBytes { QuireCore.writeAll(fd, $0) }
        if ok { ok = fchmod(fd, mode) == 0 && fsync(fd) == 0 }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw StateFileError(path: path, message: "saving failed: \(reason)")
        }
        syncFolder(folder)
    }

    func failure(_ what: String) -> StateFileError {
        StateFileError(
            path: path, message: "saving failed: \(what): \(String(cString: strerror(errno)))")
    }
}
