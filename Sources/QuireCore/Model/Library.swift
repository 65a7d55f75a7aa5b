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

/// A file and one line about it: why it could not be loaded (`IngestFailure`), or what
/// was changed to load it (`IngestWarning`).
public struct FileNote<Kind: FileNoteKind>: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user named it.
    public var path: String
    /// The line: a reason such as `empty file`, or what was changed, such as `not valid
    /// UTF-8 (bad byte at offset 176); …`.
    public var text: String

    /// `path: text`, the one line quire prints on stderr.
    public var description: String { "\(path): \(text)" }
}

/// What a `FileNote` says of its file.
public protocol FileNoteKind: Sendable {}
/// The file could not be loaded.
public enum FailedToLoad: FileNoteKind {}
/// The file loaded, but not exactly as written.
public enum LoadedWithChanges: FileNoteKind {}

/// A file that could not be loaded, and why.
public typealias IngestFailure = FileNote<FailedToLoad>
/// A file that loaded, but not exactly as written, and what was changed.
public typealias IngestWarning = FileNote<LoadedWithChanges>

extension FileNote: Error where Kind == FailedToLoad {
    /// A failure to load `path`, for `reason`.
    public init(path: String, reason: String) { self.init(path: path, text: reason) }
    /// Why the file could not be loaded.
    public var reason: String { text }
}

extension FileNote where Kind == LoadedWithChanges {
    /// A warning that `path` loaded with `message`'s change.
    public init(path: String, message: String) { self.init(path: path, text: message) }
    /// What was changed.
    public var message: String { text }
}

extension Section {
    /// The ids that carry the section's marks: its links, or the section itself.
    public var itemIDs: [ItemID] {
        links.isEmpty ? [id] : links.indices.map { links.id(at: $0) }
    }
}

extension Library {
    /// How many links the sections hold, and how many different reading items (ids) they
    /// are: `quire stats`'s count, read from the sections' link records in place.
    public var linkCounts: (links: Int, distinct: Int) {
        let links = LinkIDs(issues: issues)
        return (links.count, ItemIDSet.distinctCount(links))
    }

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

/// The ids of a library's links, section after section.
private struct LinkIDs: IDSource {
    let issues: [Issue]
    let count: Int

    init(issues: [Issue]) {
        self.issues = issues
        count = issues.reduce(0) { total, issue in
            issue.sections.reduce(total) { $0 + $1.links.count }
        }
    }

    func forEachRaw(_ body: (UInt64) -> Void) {
        for issue in issues {
            for section in issue.sections { section.links.forEachRawID(body) }
        }
    }
}
