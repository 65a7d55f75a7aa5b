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

/// Writes all of `bytes` to the descriptor `fd` at `offset` with `pwrite(2)`, going on
/// after a partial write or an interrupted call; false on any other error.
func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var done = 0
        while done < buffer.count {
            let written = pwrite(
                fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += written
        }
        return true
    }
}
