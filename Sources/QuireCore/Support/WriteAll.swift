#if canImport(Glibc)
    import Glibc
#endif

/// Writes all of `bytes` to the descriptor `fd` with `write(2)`, going on after a partial
/// write or an interrupted call; false on any other error (`errno` says which).
public func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var done = 0
    while done < bytes.count {
        let written = Glibc.write(fd, base + done, bytes.count - done)
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        done += written
    }
    return true
}
