import Foundation

/// Reads one file and checks it is text quire can parse.
///
/// Empty files, binary files (a NUL byte, or most bytes unprintable), files that are not
/// valid UTF-8 and files that cannot be read are reported with a short reason; the reason
/// says where the problem is when it can (`not valid UTF-8 at byte 1234`).
enum SourceFile {
    static func read(_ path: String) -> Result<String, IngestFailure> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            return .failure(IngestFailure(path: path, reason: reason(for: error, path: path)))
        }
        return decode(data, path: path)
    }

    /// Checks and decodes file contents.
    static func decode(_ data: Data, path: String) -> Result<String, IngestFailure> {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if !bytes.contains(where: { !isASCIIWhitespace($0) }) {
                return .failure(IngestFailure(path: path, reason: "empty file"))
            }
            if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
                let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
                return .failure(
                    IngestFailure(path: path, reason: "binary file (NUL byte at \(offset))"))
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let offset = firstInvalidUTF8(bytes)
                return .failure(
                    IngestFailure(
                        path: path, reason: "not valid UTF-8 (bad byte at offset \(offset))"))
            }
            return .success(text)
        }
    }

    private static func reason(for error: Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return "no such file or directory"
        }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "cannot read (\((error as NSError).localizedDescription))"
    }

    /// Offset of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6)
                if v < 0x800 || (0xD800...0xDFFF).contains(v) { return i }
            } else if length == 4 {
                let v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                if v < 0x10000 || v > 0x10FFFF { return i }
            }
            i += length
        }
        return bytes.count
    }
}
