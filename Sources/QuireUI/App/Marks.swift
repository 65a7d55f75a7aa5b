import QuireCore

/// Which items the lists show; `f` cycles through them.
public enum Filter: String, Sendable, CaseIterable {
    case all, unread, starred

    var next: Filter {
        switch self {
        case .all: .unread
        case .unread: .starred
        case .starred: .all
        }
    }
}

/// When reading marks an item read.
public enum ReadPolicy: Equatable, Sendable, CustomStringConvertible {
    /// Only `r`, `R` and `Space` at a section's end.
    case explicit
    /// Also opening a section or link with `Enter`.
    case open
    /// Also a section the reader has shown for this many seconds.
    case afterSeconds(Int)

    /// Parses `explicit`, `open`, or `after:N` (seconds).
    public init?(_ text: String) {
        switch text.lowercased() {
        case "explicit": self = .explicit
        case "open": self = .open
        default:
            let lower = text.lowercased()
            guard lower.hasPrefix("after:"), let seconds = Int(lower.dropFirst(6)), seconds > 0
            else { return nil }
            self = .afterSeconds(seconds)
        }
    }

    public var description: String {
        switch self {
        case .explicit: "explicit"
        case .open: "open"
        case .afterSeconds(let seconds): "after:\(seconds)"
        }
    }
}

/// One undoable change: the marks the items had before it.
public struct UndoStep: Equatable, Sendable {
    public var description: String
    public var previous: [ItemID: ItemState?]
    /// Made while the state file was being read: `previous` was not known.
    public var madeWhileLoading = false
}

/// Unread and starred counts of an issue or section.
public struct MarkCount: Equatable, Sendable {
    public var unread = 0
    public var total = 0
    public var starred = 0
}

extension AppState {
    /// The ids that carry a section's marks: its links, or the section itself.
    func itemIDs(of section: Section) -> [ItemID] { section.itemIDs }

    func itemIDs(of issue: Issue) -> [ItemID] { issue.sections.flatMap { itemIDs(of: $0) } }

    /// Unread, total and starred reading items of a section, without allocating.
    public func counts(of section: Section) -> MarkCount {
        var count = MarkCount()
        if section.links.isEmpty {
            add(section.id, to: &count)
        } else {
            for index in section.links.indices { add(section.links.id(at: index), to: &count) }
        }
        return count
    }

    /// Unread, total and starred reading items of an issue (a link that appears in two
    /// of its sections counts in each).
    public func counts(of issue: Issue) -> MarkCount {
        var count = MarkCount()
        for section in issue.sections {
            let part = counts(of: section)
            count.unread += part.unread
            count.total += part.total
            count.starred += part.starred
        }
        return count
    }

    private func add(_ id: ItemID, to count: inout MarkCount) {
        count.total += 1
        guard let item = marks.items[id] else {
            count.unread += 1
            return
        }
        if !item.read { count.unread += 1 }
        if item.starred { count.starred += 1 }
    }

    func matches(link id: ItemID) -> Bool {
        switch filter {
        case .all: true
        case .unread: !marks.isRead(id)
        case .starred: marks.isStarred(id)
        }
    }

    func matches(section: Section) -> Bool {
        switch filter {
        case .all: true
        case .unread: counts(of: section).unread > 0
        case .starred: marks.isStarred(section.id) || counts(of: section).starred > 0
        }
    }

    func matches(issue: Issue) -> Bool {
        switch filter {
        case .all: true
        case .unread: issue.sections.contains { matches(section: $0) }
        case .starred: marks.isStarred(issue.id) || issue.sections.contains { matches(section: $0) }
        }
    }
}
