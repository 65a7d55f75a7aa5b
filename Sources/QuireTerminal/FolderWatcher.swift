import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells when documents of the library change.
///
/// A file written, created, moved in or out, or removed, in the folders given (and every
/// folder below them) or among the files given. Linux's inotify; on a thread of its own.
///
/// Changes come in bursts (an editor writes a temporary file and renames it; `cp -r`
/// makes many files), so `onChange` is called once they pause for `quiet` seconds. Hidden
/// entries (`.name`, editors' swap files) and backups (`name~`) are not documents and
/// are passed over, as the library's reader passes them over.
public final class FolderWatcher: Sendable {
    private let core: Core

    /// Starts watching `paths` (files and folders, as the library names them).
    ///
    /// - Parameters:
    ///   - onChange: called on the watcher's thread after a burst of changes.
    ///   - onProblem: called once when a folder cannot be watched (the system's limit on
    ///     watches reached), with a line for the status line.
    /// - Returns: nil where inotify is not available.
    public init?(
        paths: [String], quiet: Double = 0.2, onChange: @escaping @Sendable () -> Void,
        onProblem: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        guard
            let core = Core(paths: paths, quiet: quiet, onChange: onChange, onProblem: onProblem)
        else { return nil }
        self.core = core
    }

    /// The thread ends, and its descriptors are closed, when the watcher is let go.
    deinit { core.finish() }
}

/// The watcher's thread and what it knows; kept alive by the thread until it is stopped.
private final class Core: @unchecked Sendable {
    private let descriptor: Int32
    private let stop: (read: Int32, write: Int32)
    private let lock = NSLock()
    /// What each watch is: a folder of the library, or the folder of files given by name.
    private var folders: [Int32: (path: String, names: Set<String>?)] = [:]
    private let onChange: @Sendable () -> Void
    private let onProblem: @Sendable (String) -> Void
    private let quiet: Double

    init?(
        paths: [String], quiet: Double, onChange: @escaping @Sendable () -> Void,
        onProblem: @escaping @Sendable (String) -> Void
    ) {
        #if canImport(Glibc)
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                close(descriptor)
                return nil
            }
            self.descriptor = descriptor
            self.stop = (ends[0], ends[1])
            self.onChange = onChange
            self.onProblem = onProblem
            self.quiet = quiet
            var files: [String: Set<String>] = [:]
            for path in paths {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    continue
                }
                if isFolder.boolValue {
                    watchTree(path)
                } else {
                    let url = URL(fileURLWithPath: path)
                    files[url.deletingLastPathComponent().path, default: []].insert(
                        url.lastPathComponent)
                }
            }
            for (folder, names) in files { watch(folder, names: names) }
            Thread { [self] in run() }.start()
        #else
            return nil
        #endif
    }

    /// Whether the thread has ended and closed the descriptors (under `lock`).
    private var closed = false

    /// Ends the thread (which closes the descriptors), unless it has ended already: the
    /// descriptor's number may belong to another file by then.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        var byte: UInt8 = 1
        _ = write(stop.write, &byte, 1)
    }

    #if canImport(Glibc)
        /// The events that change what the library holds.
        private static let events: UInt32 =
            UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
            | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF)

        private var reportedProblem = false

        /// Watches `folder`; `names`, when given, are the only entries that matter in it.
        @discardableResult
        private func watch(_ folder: String, names: Set<String>? = nil) -> Bool {
            let watch = inotify_add_watch(descriptor, folder, Self.events)
            guard watch >= 0 else {
                if errno == ENOSPC, !reportedProblem {
                    reportedProblem = true
                    onProblem(
                        "not following every folder: the system's limit of watches is reached (fs.inotify.max_user_watches)"
                    )
                }
                return false
            }
            lock.lock()
            folders[watch] = (folder, names)
            lock.unlock()
            return true
        }

        /// Watches `folder` and every folder below it that is not hidden.
        private func watchTree(_ folder: String) {
            guard watch(folder) else { return }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names where !name.hasPrefix(".") {
                let path = folder + "/" + name
                var info = stat()
                // Folders only, not links to them (the reader does not follow those into
                // loops either).
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { watchTree(path) }
            }
        }

        private func run() {
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            var pending = false
            while true {
                var descriptors = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: stop.read, events: Int16(POLLIN), revents: 0),
                ]
                // Waiting for the burst to pause, or for the next change.
                let ready = poll(&descriptors, 2, pending ? Int32(quiet * 1000) : -1)
                if ready < 0, errno == EINTR { continue }
                if descriptors[1].revents != 0 { break }
                if ready == 0 {
                    pending = false
                    onChange()
                    continue
                }
                guard descriptors[0].revents & Int16(POLLIN) != 0 else { break }
                let count = read(descriptor, buffer, size)
                guard count > 0 else { continue }
                if handle(buffer, count: count) { pending = true }
            }
            lock.lock()
            closed = true
            close(descriptor)
            close(stop.read)
            close(stop.write)
            lock.unlock()
        }

        /// Reads a batch of events; true when one of them changes the library.
        private func handle(_ buffer: UnsafeMutableRawPointer, count: Int) -> Bool {
            var changed = false
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                var name = ""
                if nameLength > 0 {
                    let start = buffer.advanced(by: offset + header).assumingMemoryBound(
                        to: CChar.self)
                    name = String(cString: start)
                }
                offset += header + nameLength
                lock.lock()
                let folder = folders[event.wd]
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
                lock.unlock()
                guard let folder else { continue }
                if event.mask & UInt32(IN_DELETE_SELF) != 0 {
                    changed = true
                    continue
                }
                if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                if let names = folder.names, !names.contains(name) { continue }
                // A new folder in the library: its files are documents too.
                if folder.names == nil, event.mask & UInt32(IN_ISDIR) != 0,
                    event.mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0
                {
                    watchTree(folder.path + "/" + name)
                }
                changed = true
            }
            return changed
        }
    #endif
}
