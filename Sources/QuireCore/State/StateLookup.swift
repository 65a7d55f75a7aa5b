import CMemmem

#if canImport(Glibc)
    import Glibc
#endif

/// Finds some items' marks in the state files' bytes without parsing the rest.
///
/// `quire mark` changes a handful of items, `list` needs its library's; reading a snapshot
/// of a million items to learn them would cost most of a second. Ids are written as object
/// keys of 16 hex digits, and nothing else in the file looks like one, so a few items are
/// each found by a byte search for their key, many by one walk over the keys, and only
/// their entries are parsed. A snapshot that does not open
/// and end as quire writes it (`{ "version": N, … } } }`) is not searched: the caller
/// reads it whole instead, which refuses a damaged file with its line and column.
enum StateLookup {
    /// Whether `bytes` opens with a `version` this quire reads and ends with the closing
    /// braces of the last item, `items` and the file: a file cut short fails this.
    static func looksWhole(_ bytes: UnsafeBufferPointer<UInt8>, newest: Int) -> Bool {
        var reader = StateFileReader(bytes, at: 0)
        guard let version = reader.openVersion(), version <= newest else { return false }
        // The last three bytes that are not space: `}}}`, or `{}}` for no items.
        var tail: [UInt8] = []
        var j = bytes.count
        while j > reader.i, tail.count < 3 {
            j -= 1
            if !isJSONSpace(bytes[j]) { tail.append(bytes[j]) }
        }
        return tail == [125, 125, 125] || tail == [125, 125, 123]
    }

    /// The entries of `ids` in a snapshot's `items`, whichever way is cheaper: a byte
    /// search per id for a few, one walk over the keys for many (a library's worth).
    /// - Throws: `Failure` when an entry does not parse, or the walk meets anything but
    ///   the layout quire writes (the caller then reads the file whole).
    static func items(
        _ ids: Set<ItemID>, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(StateFileReader.Failure) -> [ItemID: ItemState] {
        ids.count <= searchedOneByOne
            ? try snapshotItems(ids, in: bytes) : try walkingKeys(ids, in: bytes)
    }

    /// Up to this many ids, each is searched for on its own (two `memmem` passes over the
    /// file, capitals included); past it one walk over the keys costs less.
    static let searchedOneByOne = 2

    /// The entries of `ids`, the snapshot's keys read one after another and only the
    /// entries asked for parsed; the others are skipped to their closing brace (entries
    /// hold no braces in quire's layout: anything else stops the walk).
    static func walkingKeys(
        _ ids: Set<ItemID>, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(StateFileReader.Failure) -> [ItemID: ItemState] {
        let unexpected = StateFileReader.Failure(message: "not quire's layout", offset: nil)
        var wanted = ItemIDSet(minimumCapacity: ids.count)
        for id in ids { wanted.insert(id) }
        var reader = StateFileReader(bytes, at: 0)
        guard reader.openItems() else { throw unexpected }
        var found: [ItemID: ItemState] = [:]
        while let raw = try reader.nextKey() {
            if wanted.contains(ItemID(rawValue: raw)) {
                found[ItemID(rawValue: raw)] = try reader.item(raw)
            } else {
                guard reader.skipFlatObject() else { throw unexpected }
            }
        }
        return found
    }

    /// The entries of `ids` in a snapshot's `items` (the last one where a key repeats, as a
    /// whole read keeps it).
    static func snapshotItems(
        _ ids: Set<ItemID>, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(StateFileReader.Failure) -> [ItemID: ItemState] {
        var found: [ItemID: (offset: Int, item: ItemState)] = [:]
        for id in ids {
            for key in keys(of: id) {
                for end in occurrences(of: key, in: bytes) {
                    var reader = StateFileReader(bytes, at: end)
                    guard let item = try reader.itemAfterKey(id.rawValue) else { continue }
                    if let earlier = found[id], earlier.offset > end { continue }
                    found[id] = (end, item)
                }
            }
        }
        return found.mapValues(\.item)
    }

    /// Merges into `state` the journal lines in `bytes` that name one of `ids`, newest
    /// wins; only whole lines count.
    /// - Returns: the length of the whole lines.
    static func journalItems(
        _ ids: Set<ItemID>, in bytes: UnsafeBufferPointer<UInt8>, into state: inout ReadState,
        path: String
    ) throws -> Int {
        var journal = ReadState()
        let whole: Int
        if ids.count > searchedOneByOne {
            // For many ids, one read of every line (the journal is kept small) beats a
            // search per id.
            whole = try StateJournal.read(bytes, into: &journal, path: path)
        } else {
            var end = bytes.count
            while end > 0, bytes[end - 1] != 10 { end -= 1 }
            whole = end
            let lines = UnsafeBufferPointer(rebasing: bytes[0..<whole])
            var starts = Set<Int>()
            for id in ids {
                for key in keys(of: id) {
                    for end in occurrences(of: key, in: lines) {
                        var start = end
                        while start > 0, lines[start - 1] != 10 { start -= 1 }
                        starts.insert(start)
                    }
                }
            }
            for start in starts.sorted() {
                var end = start
                while lines[end] != 10 { end += 1 }
                let line = lines[..<start].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
                try StateJournal.read(
                    UnsafeBufferPointer(rebasing: lines[start...end]), into: &journal, path: path,
                    firstLine: line)
            }
        }
        for (id, item) in journal.items where ids.contains(id) { state.merge(id, item) }
        return whole
    }

    /// `"<16 hex digits>"` as quire writes it, and in capitals as a hand edit might.
    private static func keys(of id: ItemID) -> [[UInt8]] {
        let lower = Array("\"\(id)\"".utf8)
        let upper = Array("\"\(id)\"".uppercased().utf8)
        return lower == upper ? [lower] : [lower, upper]
    }

    /// The offsets just past each occurrence of `needle` in `bytes`.
    private static func occurrences(
        of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>
    ) -> [Int] {
        guard let base = bytes.baseAddress else { return [] }
        var found: [Int] = []
        var from = 0
        needle.withUnsafeBytes { needle in
            while from < bytes.count,
                let hit = quire_memmem(
                    base + from, bytes.count - from, needle.baseAddress!, needle.count)
            {
                let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                found.append(offset + needle.count)
                from = offset + needle.count
            }
        }
        return found
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 10 || byte == 13 || byte == 9
    }
}
