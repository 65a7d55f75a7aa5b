import Foundation

/// Read and starred marks of one reading item, and when they last changed.
public struct ItemState: Equatable, Sendable {
    public var read: Bool
    public var starred: Bool
    /// When the marks last changed, as ISO 8601 UTC with seconds (`2026-11-23T19:40:00Z`).
    public var changed: String

    public init(read: Bool = false, starred: Bool = false, changed: String) {
        self.read = read
        self.starred = starred
        self.changed = changed
    }

    /// Which of two versions of an item wins a merge: the most recent change; on a tie,
    /// the one that is read, then the one that is starred (a mark is never lost to a tie).
    public static func newer(_ a: ItemState, _ b: ItemState) -> ItemState {
        if a.changed != b.changed { return a.changed > b.changed ? a : b }
        if a.read != b.read { return a.read ? a : b }
        if a.starred != b.starred { return a.starred ? a : b }
        return a
    }
}

/// The read/starred marks of every item that has any, keyed by item id.
public struct ReadState: Equatable, Sendable {
    public var items: [ItemID: ItemState]

    public init(items: [ItemID: ItemState] = [:]) { self.items = items }

    public func isRead(_ id: ItemID) -> Bool { items[id]?.read ?? false }
    public func isStarred(_ id: ItemID) -> Bool { items[id]?.starred ?? false }

    /// Merges `other` into this state, item by item (see `ItemState.newer`).
    /// - Returns: the ids whose state changed.
    @discardableResult
    public mutating func merge(_ other: ReadState) -> [ItemID] {
        var changed: [ItemID] = []
        for (id, theirs) in other.items {
            guard let mine = items[id] else {
                items[id] = theirs
                changed.append(id)
                continue
            }
            let winner = ItemState.newer(mine, theirs)
            if winner != mine {
                items[id] = winner
                changed.append(id)
            }
        }
        return changed.sorted()
    }
}

/// Timestamps for `ItemState.changed`.
public enum StateClock {
    /// Now, as ISO 8601 UTC with seconds.
    public static func now() -> String { format(secondsSince1970: Int(time(nil))) }

    /// `2026-11-23T19:40:00Z` for a Unix time.
    public static func format(secondsSince1970 t: Int) -> String {
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let seconds = t - days * 86400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return
            "\(y)-\(two(m))-\(two(d))T\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))Z"
    }
}
