import QuireCore

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

    /// Whether standard output is a terminal (checked once).
    static let isTerminal = isatty(1) == 1

    /// Writes text that holds document text (`list`, `search`, `filter`): through
    /// `TerminalText.sanitized` when standard output is a terminal, keeping line breaks and
    /// tabs, so no escape sequence from a document reaches it; as it is into a pipe or a
    /// file, where nothing interprets it.
    static func writeText(_ text: String) {
        write(isTerminal ? TerminalText.sanitized(text, tab: "\t", keepsLineBreaks: true) : text)
    }

    /// Writes UTF-8 text; see `writeText(_:)`.
    static func writeText(_ bytes: [UInt8]) {
        guard isTerminal else { return write(bytes) }
        writeText(String(decoding: bytes, as: UTF8.self))
    }
}

/// Writes messages to standard error.
enum StandardError {
    static func write(_ text: String) { StandardStream.write(Array(text.utf8), to: 2) }
}

private enum StandardStream {
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        // A failure is EPIPE, the reader gone (`quire dump | head`): nothing to do.
        _ = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }
}
