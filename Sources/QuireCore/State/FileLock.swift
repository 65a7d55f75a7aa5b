import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
