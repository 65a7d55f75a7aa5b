import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one file and makes it text quire can parse.
///
/// Empty files, binary files (a NUL byte) and files that cannot be read are refused with a
/// short reason. Text that is not valid UTF-8 still loads: read as Windows-1252 when that
/// is plainly what it is (no valid UTF-8 sequence at all, and no byte Windows-1252 leaves
/// undefined), else with each bad byte replaced by U+FFFD; either way with a warning that
/// names the first bad byte. Terminal escape sequences and control characters are taken
/// out before anything parses the text (see `TerminalText.removingControls`), with a
/// warning that counts them.
enum SourceFile {
    /// A file's text and what was done to make it text.
    struct Decoded {
        /// The text as UTF-8: valid, and holding no control but tab, line feed and carriage
        /// return.
        var bytes: [UInt8]
        var warnings: [IngestWarning] = []

        /// The text as a string.
        var text: String { UTF8Text.string(validated: bytes) }
    }

    static func read(_ path: String) -> Result<Decoded, IngestFailure> {
        bytes(of: path).flatMap { decode($0, path: path) }
    }

    /// A file's bytes as they are, or why they cannot be read.
    static func bytes(of path: String) -> Result<[UInt8], IngestFailure> {
        var info = stat()
        return bytes(of: path, status: &info)
    }

    /// A file's bytes as they are, and in `info` its status as it was opened.
    static func bytes(of path: String, status info: inout stat) -> Result<[UInt8], IngestFailure> {
        switch OpenFile.open(path) {
        case .success(let file):
            info = file.status
            return file.readAll()
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// A file opened for reading: read whole, or a part at a time.
    ///
    /// Read with `read(2)`, not mapped: a mapped file that another program truncates while
    /// it is read kills the process (SIGBUS).
    final class OpenFile {
        let path: String
        /// The file's status as it was opened.
        let status: stat
        private let fd: Int32
        /// The error that stopped a read, 0 while none has.
        private(set) var failed: Int32 = 0
        /// Whether a read reached the end.
        private(set) var ended = false

        private init(path: String, fd: Int32, status: stat) {
            self.path = path
            self.fd = fd
            self.status = status
        }

        deinit { close(fd) }

        /// Opens `path`, or says why it cannot be read.
        static func open(_ path: String) -> Result<OpenFile, IngestFailure> {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return failure(path, errno: errno) }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let code = errno
                close(fd)
                return failure(path, errno: code)
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                close(fd)
                return .failure(IngestFailure(path: path, reason: "is a directory"))
            }
            return .success(OpenFile(path: path, fd: fd, status: info))
        }

        /// Whether it is a regular file (one that can be read again from its start).
        var isRegular: Bool { status.st_mode & S_IFMT == S_IFREG }

        /// Reads into `base` until `room` bytes, the end, or an error; returns the count.
        func fill(_ base: UnsafeMutablePointer<UInt8>, _ room: Int) -> Int {
            var count = 0
            while count < room, failed == 0 {
                let got = Glibc.read(fd, base + count, room - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return count
                }
                if got == 0 {
                    ended = true
                    return count
                }
                count += got
            }
            return count
        }

        /// Up to `count` bytes from where reading stands (fewer at the end or on an error).
        func read(upTo count: Int) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
                filled = fill(buffer.baseAddress!, count)
            }
        }

        /// Goes back to the start, to read the file again; false if it cannot.
        func rewind() -> Bool {
            guard lseek(fd, 0, SEEK_SET) == 0 else { return false }
            ended = false
            failed = 0
            return true
        }

        /// The rest of the file after `head` (the bytes read so far), with `head` first.
        func readAll(after head: [UInt8] = []) -> Result<[UInt8], IngestFailure> {
            // The head was the whole file (most documents are shorter than a head): as it is.
            if ended, failed == 0 { return .success(head) }
            // Room for one byte past the size, so a file that grew is read to its end; a
            // pipe (size 0) or a file longer than it was said to be is read on, a part at
            // a time.
            let capacity = max(max(Int(status.st_size), 0) + 1, head.count + 1)
            var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                _ = buffer.initialize(fromContentsOf: head)
                count =
                    head.count
                    + (ended ? 0 : fill(buffer.baseAddress! + head.count, capacity - head.count))
            }
            var part = 64 * 1024
            while !ended, failed == 0 {
                bytes += read(upTo: part)
                part = min(part * 2, 16 << 20)
            }
            if failed != 0 { return SourceFile.failure(path, errno: failed) }
            return .success(bytes)
        }
    }

    /// Checks and decodes file contents; text that needs no change is kept as it is.
    static func decode(_ contents: [UInt8], path: String) -> Result<Decoded, IngestFailure> {
        contents.withUnsafeBufferPointer { bytes in
            if !bytes.contains(where: { !isASCIIWhitespace($0) }) {
                return .failure(IngestFailure(path: path, reason: "empty file"))
            }
            switch UTF8Text.check(bytes) {
            case .valid(hasControls: false):
                return .success(Decoded(bytes: contents))
            case .valid(hasControls: true):
                guard let cleaned = TerminalText.removingControls(from: bytes) else {
                    return .success(Decoded(bytes: contents))
                }
                return .success(
                    Decoded(
                        bytes: cleaned.bytes,
                        warnings: [controlsWarning(cleaned.removed, path: path)]))
            case .nul(let offset):
                return .failure(
                    IngestFailure(path: path, reason: "binary file (NUL byte at \(offset))"))
            case .invalid(let offset):
                return decodeInvalid(bytes, firstInvalid: offset, path: path)
            }
        }
    }

    /// Text that is not valid UTF-8: refused when it holds a NUL, else decoded as well as
    /// it can be, with a warning.
    private static func decodeInvalid(
        _ bytes: UnsafeBufferPointer<UInt8>, firstInvalid offset: Int, path: String
    ) -> Result<Decoded, IngestFailure> {
        if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
            let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
            return .failure(
                IngestFailure(path: path, reason: "binary file (NUL byte at \(offset))"))
        }
        let cp1252 = WindowsCP1252.isLikely(bytes)
        var text = cp1252 ? WindowsCP1252.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        let how = cp1252 ? "read as Windows-1252" : "bad bytes shown as \u{FFFD}"
        var warnings = [
            IngestWarning(
                path: path, message: "not valid UTF-8 (bad byte at offset \(offset)); \(how)")
        ]
        if let cleaned = text.withUTF8({ TerminalText.removingControls(from: $0) }) {
            text = UTF8Text.string(cleaned.bytes)
            warnings.append(controlsWarning(cleaned.removed, path: path))
        }
        return .success(Decoded(bytes: Array(text.utf8), warnings: warnings))
    }

    fileprivate static func failure<T>(_ path: String, errno code: Int32) -> Result<
        T, IngestFailure
    > {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file or directory"
        case EACCES, EPERM: reason = "permission denied"
        case EISDIR: reason = "is a directory"
        default: reason = "cannot read (\(String(cString: strerror(code))))"
        }
        return .failure(IngestFailure(path: path, reason: reason))
    }

    static func controlsWarning(_ count: Int, path: String) -> IngestWarning {
        IngestWarning(
            path: path,
            message: count == 1
                ? "1 control character or escape sequence removed"
                : "\(count) control characters or escape sequences removed")
    }

}

/// Windows-1252, the encoding of most text that is not UTF-8 (Latin-1 with curly quotes,
/// dashes and the euro sign in 0x80–0x9F).
enum WindowsCP1252 {
    /// Characters for 0x80–0x9F; nil where the code page leaves a byte undefined.
    private static let high: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// True when no byte is undefined in Windows-1252 and no multi-byte UTF-8 sequence is
    /// valid: text with some UTF-8 and a stray byte is UTF-8 with a bad byte, not
    /// Windows-1252 (reading it so would garble every accent it has).
    static func isLikely(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                i += 1
                continue
            }
            if byte <= 0x9F, high[Int(byte - 0x80)] == nil { return false }
            let length =
                byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte <= 0xDF ? 2 : 1
            if length > 1, i + length <= bytes.count,
                UTF8Text.firstInvalid(UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                    == nil
            {
                return false
            }
            i += 1
        }
        return true
    }

    /// `bytes` read as Windows-1252 (undefined bytes as U+FFFD).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80, byte <= 0x9F {
                scalars.append(high[Int(byte - 0x80)] ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }
}
