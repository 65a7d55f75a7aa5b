/// Everything quire has loaded: issues in path order, and what could not be loaded.
public struct Library: Hashable, Sendable {
    /// The issues, ordered by path.
    public var issues: [Issue]
    /// Files that were skipped, each with the reason.
    public var failures: [IngestFailure]

    /// Creates a library.
    public init(issues: [Issue] = [], failures: [IngestFailure] = []) {
        self.issues = issues
        self.failures = failures
    }
}

/// A file that could not be loaded, and why.
public struct IngestFailure: Hashable, Sendable, Error, CustomStringConvertible {
    /// The path as the user named it.
    public var path: String
    /// A short reason, such as `empty file` or `binary file (NUL byte at 4)`.
    public var reason: String

    /// Creates a failure record.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, the one line quire prints on stderr.
    public var description: String { "\(path): \(reason)" }
}
