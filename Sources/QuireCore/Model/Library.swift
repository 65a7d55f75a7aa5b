/// Everything quire has loaded: issues in path order, and what could not be loaded.
public struct Library: Hashable, Sendable {
    /// The issues, ordered by path.
    public var issues: [Issue]
    /// Files that were skipped, each with the reason.
    public var failures: [IngestFailure]
    /// Files that loaded with something changed to read them (bad UTF-8 replaced, escape
    /// sequences removed), each with what.
    public var warnings: [IngestWarning]

    /// Creates a library.
    public init(
        issues: [Issue] = [], failures: [IngestFailure] = [], warnings: [IngestWarning] = []
    ) {
        self.issues = issues
        self.failures = failures
        self.warnings = warnings
    }
}

/// A file that loaded, but not exactly as written, and what was changed.
public struct IngestWarning: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user named it.
    public var path: String
    /// What was changed, such as `not valid UTF-8 (bad byte at offset 176); …`.
    public var message: String

    /// Creates a warning.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, the one line quire prints on stderr.
    public var description: String { "\(path): \(message)" }
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

extension Section {
    /// The ids that carry the section's marks: its links, or the section itself.
    public var itemIDs: [ItemID] {
        links.isEmpty ? [id] : links.indices.map { links.id(at: $0) }
    }
}

extension Library {
    /// Every id in the library a mark can be on: issues (starred), sections and links.
    public var markableIDs: Set<ItemID> {
        var ids = Set<ItemID>()
        for issue in issues {
            ids.insert(issue.id)
            for section in issue.sections {
                ids.insert(section.id)
                for index in section.links.indices { ids.insert(section.links.id(at: index)) }
            }
        }
        return ids
    }
}
