import Foundation

/// A set of ids with no hasher of its own.
///
/// An id is already a 64-bit hash of its key, so the table places it by its own bits
/// (multiplied by a constant so that ids differing only in high bits spread). `Set` would
/// run SipHash, with a seed, over every id; loading a library inserts every link's id at
/// least twice, so this is on the inner loop. Open addressing, linear probing, at most
/// half full.
public struct ItemIDSet: Sendable {
    /// Raw values; 0 marks an empty slot, so the id 0 is kept aside in `hasZero`.
    private var slots: [UInt64] = []
    private var hasZero = false
    /// How many ids the set holds.
    public private(set) var count = 0

    /// An empty set with room for `minimumCapacity` ids before it grows.
    public init(minimumCapacity: Int = 0) {
        if minimumCapacity > 0 {
            slots = Array(repeating: 0, count: Self.tableSize(minimumCapacity))
        }
    }

    /// Whether the set holds no ids.
    public var isEmpty: Bool { count == 0 }

    /// Inserts `id`; returns whether it was new.
    @discardableResult
    public mutating func insert(_ id: ItemID) -> Bool {
        let raw = id.rawValue
        if raw == 0 {
            if hasZero { return false }
            hasZero = true
            count += 1
            return true
        }
        if (count + 1) * 2 > slots.count { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            var index = Self.home(raw, mask: mask)
            while true {
                let slot = table[index]
                if slot == raw { return false }
                if slot == 0 {
                    table[index] = raw
                    return true
                }
                index = (index + 1) & mask
            }
        }
        if inserted { count += 1 }
        return inserted
    }

    /// Empties the set, keeping its table for the ids to come.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        hasZero = false
        count = 0
    }

    /// Whether the set holds `id`.
    public func contains(_ id: ItemID) -> Bool {
        let raw = id.rawValue
        if raw == 0 { return hasZero }
        guard !slots.isEmpty else { return false }
        return slots.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var index = Self.home(raw, mask: mask)
            while true {
                let slot = table[index]
                if slot == raw { return true }
                if slot == 0 { return false }
                index = (index + 1) & mask
            }
        }
    }

    private static func home(_ raw: UInt64, mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product mix every bit of the id.
        Int(truncatingIfNeeded: (raw &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The power of two that holds `capacity` ids at most half full (at least 16 slots).
    private static func tableSize(_ capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        return size
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: Self.tableSize(max(count + 1, old.count)))
        let mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { table in
            for raw in old where raw != 0 {
                var index = Self.home(raw, mask: mask)
                while table[index] != 0 { index = (index + 1) & mask }
                table[index] = raw
            }
        }
    }
}

/// Ids to count, visited in the same order each time: `ItemIDSet.distinctCount` reads
/// them several times on several cores instead of copying them.
protocol IDSource: Sendable {
    /// How many ids there are.
    var count: Int { get }
    /// Calls `body` with the raw value of each id, in order.
    func forEachRaw(_ body: (UInt64) -> Void)
}

/// Ids in one buffer that outlives the count.
private struct IDBuffer: IDSource, @unchecked Sendable {
    let ids: UnsafeBufferPointer<ItemID>
    var count: Int { ids.count }
    func forEachRaw(_ body: (UInt64) -> Void) { for id in ids { body(id.rawValue) } }
}

extension ItemIDSet {
    /// How many different ids `ids` holds.
    public static func distinctCount(_ ids: [ItemID]) -> Int {
        ids.withUnsafeBufferPointer { distinctCount(IDBuffer(ids: $0)) }
    }

    /// How many different ids `source` holds.
    ///
    /// For a whole library's links: one table of every id is larger than the caches, so
    /// each insert waits on memory. The ids are split by their top bits into parts small
    /// enough that a part's table stays in cache. Each core takes a run of parts: it
    /// gathers its parts' ids into one buffer, part after part, then counts each part in
    /// one set it empties and reuses. Fresh memory costs a page fault per page touched,
    /// so each core fills one buffer and one table, whatever the number of parts.
    static func distinctCount(_ source: some IDSource) -> Int {
        // Parts of about 8,000 ids: 16,384 slots, 128 KiB each.
        let partBits = min(8, Int.bitWidth - (source.count / 8_192).leadingZeroBitCount)
        if partBits == 0 {
            var set = ItemIDSet(minimumCapacity: source.count)
            source.forEachRaw { set.insert(ItemID(rawValue: $0)) }
            return set.count
        }
        let parts = 1 << partBits
        let runs = min(parts, max(1, ProcessInfo.processInfo.activeProcessorCount))
        return parallelMap(count: runs) { run in
            countParts(
                source, from: parts * run / runs, to: parts * (run + 1) / runs,
                partBits: partBits)
        }.reduce(0, +)
    }

    /// How many different ids of `source` fall in the parts `first..<end` of
    /// `1 << partBits`.
    private static func countParts(
        _ source: some IDSource, from first: Int, to end: Int, partBits: Int
    ) -> Int {
        let shift = UInt64(64 - partBits)
        // Where each part starts in `gathered`, counted first so it is filled in place.
        var starts = [Int](repeating: 0, count: end - first + 1)
        var largest = 0
        starts.withUnsafeMutableBufferPointer { starts in
            source.forEachRaw { raw in
                let part = Int(truncatingIfNeeded: raw >> shift) &- first
                if part >= 0, part < end - first { starts[part + 1] += 1 }
            }
            for index in 1..<starts.count {
                largest = Swift.max(largest, starts[index])
                starts[index] += starts[index - 1]
            }
        }
        var gathered = [UInt64](repeating: 0, count: starts[starts.count - 1])
        var next = starts
        gathered.withUnsafeMutableBufferPointer { gathered in
            next.withUnsafeMutableBufferPointer { next in
                source.forEachRaw { raw in
                    let part = Int(truncatingIfNeeded: raw >> shift) &- first
                    guard part >= 0, part < end - first else { return }
                    gathered[next[part]] = raw
                    next[part] += 1
                }
            }
        }
        // One table, sized for the largest part, cleared for each: parts are about equal,
        // their ids' top bits being hash bits.
        var set = ItemIDSet(minimumCapacity: largest)
        var distinct = 0
        for part in 0..<(end - first) where starts[part] < starts[part + 1] {
            set.removeAll()
            for raw in gathered[starts[part]..<starts[part + 1]] {
                set.insert(ItemID(rawValue: raw))
            }
            distinct += set.count
        }
        return distinct
    }
}
