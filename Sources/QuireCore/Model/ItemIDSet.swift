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

extension ItemIDSet {
    /// How many different ids `ids` holds.
    ///
    /// For a whole library's links: one table of every id is larger than the caches, so
    /// each insert waits on memory. The ids are first split by their top bits into tables
    /// small enough to stay in cache, which are then filled on all cores.
    public static func distinctCount(_ ids: [ItemID]) -> Int {
        // Parts of about 8,000 ids: 16,384 slots, 128 KiB each.
        let partBits = min(8, Int.bitWidth - (ids.count / 8_192).leadingZeroBitCount)
        if partBits == 0 {
            var set = ItemIDSet(minimumCapacity: ids.count)
            for id in ids { set.insert(id) }
            return set.count
        }
        let shift = UInt64(64 - partBits)
        var parts = [[ItemID]](repeating: [], count: 1 << partBits)
        let expected = ids.count >> partBits + ids.count >> (partBits + 2)
        for index in parts.indices { parts[index].reserveCapacity(expected) }
        for id in ids { parts[Int(id.rawValue >> shift)].append(id) }
        return parts.parallelMap { part in
            var set = ItemIDSet(minimumCapacity: part.count)
            for id in part { set.insert(id) }
            return set.count
        }.reduce(0, +)
    }
}
