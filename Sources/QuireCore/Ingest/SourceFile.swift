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
            if let offset = UTF8Text.firstInvalid(bytes) {
                return .failure(
                    IngestFailure(
                        path: path, reason: "not valid UTF-8 (bad byte at offset \(offset))"))
            }
            return .success(UTF8Text.string(validated: bytes))
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
}
