#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes bytes to standard output in full, retrying short writes.
enum StandardOutput {
    static func write(_ text: String) { write(Array(text.utf8)) }

    static func write(_ bytes: [UInt8]) {
        StandardStream.write(bytes, to: 1)
    }
}

/// Writes messages to standard error.
enum StandardError {
    static func write(_ text: String) { StandardStream.write(Array(text.utf8), to: 2) }
}

private enum StandardStream {
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // EPIPE: the reader went away (`quire dump | head`).
                }
                offset += written
            }
        }
    }
}
