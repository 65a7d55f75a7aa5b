import Foundation

/// Where the checkout this binary was built from keeps its seed documents.
enum SeedsLocation {
    /// `seeds/` at the package root, found from this source file's path at build time, so
    /// `quire` with no PATH works from any directory.
    static var path: String {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // SeedsLocation.swift, quire, Sources
        return components.joined(separator: "/") + "/seeds"
    }

    /// `path`, relative to the current directory when it lies inside it (`seeds`).
    static var displayPath: String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
