/// Where the checkout this binary was built from keeps its seed documents.
enum SeedsLocation {
    /// `seeds/` at the package root, found from this source file's path at build time, so
    /// `quire` with no PATH works from any directory.
    static var path: String {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // SeedsLocation.swift, quire, Sources
        return components.joined(separator: "/") + "/seeds"
    }
}
