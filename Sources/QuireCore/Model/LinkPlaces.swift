/// Where each reading item that appears in more than one section appears, worked out once
/// for a library: the reader's "Also in" is then a lookup, not a walk over every link.
public struct LinkPlaces: Equatable, Sendable {
    /// A section, by its index in the library and in its issue.
    public struct Place: Equatable, Sendable {
        public var issue: Int
        public var section: Int
    }

    /// Items found in two sections or more, sorted, each once per section it is in.
    private var ids: [ItemID] = []
    /// `places[i]` is a place of `ids[i]`; an item's places are in library order.
    private var places: [Place] = []

    /// The places of every link of `library` found in more than one section.
    ///
    /// Repeated ids are found by sorting the links' ids a part at a time, a quarter of a
    /// million ids a part (the parts cut by the ids' top bits, which are hash bits, so
    /// about equal): it runs as the reader has just loaded the library, and all 4 million
    /// ids of a large one sorted at once would hold 33 MB and as much again for the sort.
    public init(_ library: Library) {
        let total = library.issues.reduce(0) { total, issue in
            issue.sections.reduce(total) { $0 + $1.links.count }
        }
        var bits = 0
        while bits < 8, total >> bits > 1 << 18 { bits += 1 }
        var part: [ItemID] = []
        part.reserveCapacity((total >> bits) + (total >> bits) / 4 + 16)
        // An id met twice (a section lists each of its links once) is in two sections.
        var repeated = ItemIDSet()
        for number in 0..<(UInt64(1) << bits) {
            part.removeAll(keepingCapacity: true)
            for issue in library.issues {
                for section in issue.sections {
                    section.links.appendIDs(to: &part, part: number, bits: bits)
                }
            }
            part.sort()
            var index = 0
            while index < part.count {
                var end = index + 1
                while end < part.count, part[end] == part[index] { end += 1 }
                if end - index > 1 { _ = repeated.insert(part[index]) }
                index = end
            }
        }
        part = []
        guard !repeated.isEmpty else { return }
        var found: [(id: ItemID, place: Place)] = []
        for (issueIndex, issue) in library.issues.enumerated() {
            for (sectionIndex, section) in issue.sections.enumerated() {
                for index in section.links.indices
                where repeated.contains(section.links.id(at: index)) {
                    found.append(
                        (
                            section.links.id(at: index),
                            Place(issue: issueIndex, section: sectionIndex)
                        ))
                }
            }
        }
        // Within an id, the places keep library order (issue, then section).
        found.sort {
            ($0.id, $0.place.issue, $0.place.section) < ($1.id, $1.place.issue, $1.place.section)
        }
        ids = found.map(\.id)
        places = found.map(\.place)
    }

    /// The sections `id` appears in, in library order; empty when it is in one or none.
    public func places(of id: ItemID) -> ArraySlice<Place> {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < ids.count, ids[end] == id { end += 1 }
        return places[low..<end]
    }
}
