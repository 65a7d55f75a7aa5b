/// What reading the library again found: issues new, changed and gone, by id.
public struct LibraryChange: Equatable, Sendable {
    public var new = 0
    public var changed = 0
    public var removed = 0

    public init(new: Int = 0, changed: Int = 0, removed: Int = 0) {
        self.new = new
        self.changed = changed
        self.removed = removed
    }

    /// Compares two readings of a library: an issue whose id is in both and whose content
    /// differs is changed.
    public init(from old: Library, to new: Library) {
        var before: [ItemID: Int] = [:]
        for (index, issue) in old.issues.enumerated() { before[issue.id] = index }
        var seen = 0
        for issue in new.issues {
            if let index = before[issue.id] {
                seen += 1
                if old.issues[index] != issue { changed += 1 }
            } else {
                self.new += 1
            }
        }
        removed = before.count - seen
    }

    public var isEmpty: Bool { new == 0 && changed == 0 && removed == 0 }

    /// `2 new issues, 1 changed`.
    public var description: String {
        var parts: [String] = []
        if new > 0 { parts.append(new == 1 ? "1 new issue" : "\(new) new issues") }
        if changed > 0 {
            parts.append(
                parts.isEmpty
                    ? (changed == 1 ? "1 issue changed" : "\(changed) issues changed")
                    : "\(changed) changed")
        }
        if removed > 0 {
            parts.append(
                parts.isEmpty
                    ? (removed == 1 ? "1 issue removed" : "\(removed) issues removed")
                    : "\(removed) removed")
        }
        return parts.joined(separator: ", ")
    }
}
