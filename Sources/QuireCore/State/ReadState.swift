import Foundation

/// Read and starred marks of one reading item, and when they last changed.
public struct ItemState: Equatable, Sendable {
    public var read: Bool
    public var starred: Bool
    /// When the marks last changed, in seconds since 1970 UTC (the file says it in ISO 8601,
    /// `2026-11-23T19:40:00Z`; see `StateClock`).
    public var changed: Int

    public init(read: Bool = false, starred: Bool = false, changed: Int) {
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

/// A change to some of an item's marks, made without knowing the others.
///
/// The reader's marks made while the state file is still being read are sent so:
/// applied to what the file holds, each changes only the marks it names.
public struct MarkChange: Equatable, Sendable {
    /// The new read mark, or nil to keep the item's.
    public var read: Bool?
    /// The new star, or nil to keep the item's.
    public var starred: Bool?
    /// When the change was made, in seconds since 1970 UTC.
    public var changed: Int

    public init(read: Bool? = nil, starred: Bool? = nil, changed: Int) {
        self.read = read
        self.starred = starred
        self.changed = changed
    }

    /// The change from `old` to `new`: the marks that differ.
    public init(from old: ItemState?, to new: ItemState) {
        self.init(
            read: new.read != (old?.read ?? false) ? new.read : nil,
            starred: new.starred != (old?.starred ?? false) ? new.starred : nil,
            changed: new.changed)
    }

    /// `item` (an unmarked item when nil) with this change made.
    public func applied(to item: ItemState?) -> ItemState {
        ItemState(
            read: read ?? item?.read ?? false, starred: starred ?? item?.starred ?? false,
            changed: changed)
    }

    /// This change followed by `later`: `later`'s marks where it names them.
    public func then(_ later: MarkChange) -> MarkChange {
        MarkChange(
            read: later.read ?? read, starred: later.starred ?? starred,
            changed: max(changed, later.changed))
    }
}

/// The read/starred marks of every item that has any, keyed by item id.
public struct ReadState: Equatable, Sendable {
    public var items: [ItemID: ItemState]

    public init(items: [ItemID: ItemState] = [:]) { self.items = items }

    public func isRead(_ id: ItemID) -> Bool { items[id]?.read ?? false }
    public func isStarred(_ id: ItemID) -> Bool { items[id]?.starred ?? false }

    /// Merges one item's marks into this state (see `ItemState.newer`).
    public mutating func merge(_ id: ItemID, _ theirs: ItemState) {
        items[id] = items[id].map { ItemState.newer($0, theirs) } ?? theirs
    }

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
    /// Now, in seconds since 1970.
    public static func now() -> Int { Int(time(nil)) }

    /// Seconds since 1970 for an ISO 8601 time: `2026-11-23T19:40:00Z`, with fractions of a
    /// second (dropped) and a `Z` or `±HH:MM` offset; nil for anything else.
    public static func seconds(iso text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { seconds(iso: $0) }
    }

    /// `seconds(iso:)` for UTF-8 bytes.
    static func seconds(iso b: UnsafeBufferPointer<UInt8>) -> Int? {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for k in from..<(from + count) {
                guard (48...57).contains(b[k]) else { return nil }
                value = value * 10 + Int(b[k] - 48)
            }
            return value
        }
        guard b.count >= 20, let y = number(0, 4), b[4] == 45, let m = number(5, 2), b[7] == 45,
            let d = number(8, 2), b[10] == 84 || b[10] == 116 || b[10] == 32,
            let hh = number(11, 2), b[13] == 58, let mm = number(14, 2), b[16] == 58,
            let ss = number(17, 2), (1...12).contains(m), (1...31).contains(d), hh < 24, mm < 60,
            ss < 61
        else { return nil }
        var k = 19
        if b[k] == 46 {
            k += 1
            while k < b.count, (48...57).contains(b[k]) { k += 1 }
        }
        var offset = 0
        guard k < b.count else { return nil }
        if b[k] == 90 || b[k] == 122 {
            k += 1
        } else if b[k] == 43 || b[k] == 45, let oh = number(k + 1, 2), k + 3 < b.count,
            b[k + 3] == 58, let om = number(k + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[k] == 43 ? 1 : -1)
            k += 6
        } else {
            return nil
        }
        guard k == b.count else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), as `format` inverts.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + hh * 3600 + mm * 60 + ss - offset
    }

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
        // Four digits, as ISO 8601 and `seconds(iso:)` want (year 506 is `0506`).
        let year = y >= 0 && y < 1000 ? String(String(y + 10000).dropFirst()) : "\(y)"
        return
            "\(year)-\(two(m))-\(two(d))T\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))Z"
    }
}
