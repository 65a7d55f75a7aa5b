import Foundation

/// A fresh folder under the system's temporary directory for one test, removed after it.
public enum TemporaryFolder {
    /// Runs `body` with the path of a new empty folder named after `prefix`; the folder and
    /// everything in it are removed when `body` returns or throws.
    public static func with<T>(_ prefix: String, _ body: (String) throws -> T) throws -> T {
        let folder = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }
}
