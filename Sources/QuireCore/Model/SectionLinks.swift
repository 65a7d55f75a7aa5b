/// The links of one section, stored compactly and handed out as `Link` values.
///
/// A library holds hundreds of thousands of links. Kept as separate `Link` values, each
/// would cost a struct and two or three heap strings; here a section keeps one record of
/// offsets per link and one buffer of their URLs and tooltips, and link text is read from
/// the section's own text where the link sits. That keeps a whole library within about
/// 1.4 times the size of its files (see BENCHMARKS.md). `Link` values are made on access.
public struct SectionLinks: RandomAccessCollection, Hashable, Sendable {
    /// What every link has: its id, where its text sits in the section text, and its URL;
    /// 24 bytes.
    struct Record: Hashable, Sendable, BitwiseCopyable {
        var id: ItemID
        /// UTF-8 range in the section text; `-1` when the link is not anchored.
        var anchor: (Int32, Int32)
        /// URL in `strings`; `-1` when absent.
        var url: (Int32, Int32)

        static func == (a: Record, b: Record) -> Bool {
            a.id == b.id && a.url == b.url && a.anchor == b.anchor
        }

        func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    /// What only some links have, kept apart so that the rest cost nothing for it: text of
    /// their own (the section text at the anchor is not the text, or there is no anchor)
    /// and a tooltip.
    struct Extra: Sendable, BitwiseCopyable {
        /// The link's position in the section.
        var position: Int32
        /// Text in `strings`; `-1` when the text is the section text at the anchor.
        var text: (Int32, Int32)
        /// Tooltip in `strings`; `-1` when absent.
        var title: (Int32, Int32)
    }

    /// Links stored one after another: what `SectionBuilder` and `init(_:sectionText:)`
    /// write into, the text, URLs and tooltips already in the section's `strings`.
    struct Storage {
        private(set) var records: [Record] = []
        private(set) var extras: [Extra] = []
        private(set) var quoted: [Int32] = []

        var isEmpty: Bool { records.isEmpty }

        /// Makes room for `count` more links, so appending them does not regrow the
        /// records.
        mutating func reserve(_ count: Int) {
            records.reserveCapacity(records.count + count)
        }

        /// Adds a link; `text` is `-1` when the link's text is the section text at
        /// `anchor`, `title` when it has no tooltip.
        mutating func append(
            id: ItemID, text: (Int32, Int32), url: (Int32, Int32), title: (Int32, Int32),
            anchor: (Int32, Int32), quoted isQuoted: Bool
        ) {
            let position = Int32(records.count)
            records.append(Record(id: id, anchor: anchor, url: url))
            if text.0 >= 0 || title.0 >= 0 {
                extras.append(Extra(position: position, text: text, title: title))
            }
            if isQuoted { quoted.append(position) }
        }

        /// The links over `strings` and `sectionText`, each array without spare capacity.
        func finish(strings: String, sectionText: String) -> SectionLinks {
            func exact<T>(_ values: [T]) -> [T] { values.withUnsafeBufferPointer { Array($0) } }
            return SectionLinks(
                records: exact(records), extras: exact(extras), strings: strings,
                sectionText: sectionText, quoted: exact(quoted))
        }
    }

    let sectionText: String
    let strings: String
    let records: [Record]
    /// Extras of the links that have them, by position ascending.
    let extras: [Extra]
    /// Positions of quoted links, ascending; empty for almost every section, so it costs
    /// nothing per record.
    let quoted: [Int32]

    /// Stores `links`, whose anchors point into `sectionText`.
    public init(_ links: [Link], sectionText: String) {
        var strings = ""
        func store(_ value: String?) -> (Int32, Int32) {
            guard let value else { return (-1, -1) }
            let start = strings.utf8.count
            strings += value
            return (Int32(start), Int32(strings.utf8.count))
        }
        var storage = Storage()
        let utf8 = sectionText.utf8
        for link in links {
            var anchor: (Int32, Int32) = (-1, -1)
            var text: (Int32, Int32) = (-1, -1)
            if let range = link.anchor, range.upperBound <= utf8.count {
                anchor = (Int32(range.lowerBound), Int32(range.upperBound))
            }
            if anchor.0 < 0 || sectionText.utf8Slice(Int(anchor.0)..<Int(anchor.1)) != link.text {
                text = store(link.text)
            }
            storage.append(
                id: link.id, text: text, url: store(link.url), title: store(link.title),
                anchor: anchor, quoted: link.quoted)
        }
        self = storage.finish(
            strings: String(decoding: Array(strings.utf8), as: UTF8.self), sectionText: sectionText
        )
    }

    /// Wraps stored links (see `Storage`; the cache reads them back this way).
    init(
        records: [Record], extras: [Extra], strings: String, sectionText: String,
        quoted: [Int32] = []
    ) {
        self.records = records
        self.extras = extras
        self.strings = strings
        self.sectionText = sectionText
        self.quoted = quoted
    }

    /// The extra of the link at `position`, if it has one.
    private func extra(at position: Int) -> Extra? {
        guard !extras.isEmpty else { return nil }
        return extras.withUnsafeBufferPointer { Self.extra(in: $0, at: position) }
    }

    /// The extra of the link at `position` in `extras`, if it has one.
    @inline(__always)
    static func extra(in extras: UnsafeBufferPointer<Extra>, at position: Int) -> Extra? {
        let found = firstIndex(in: extras, atLeast: position) { $0.position }
        return found < extras.count && Int(extras[found].position) == position
            ? extras[found] : nil
    }

    /// The first index of `values` (ascending by `key`) whose key is at least `position`.
    @inline(__always)
    private static func firstIndex<T>(
        in values: UnsafeBufferPointer<T>, atLeast position: Int, key: (T) -> Int32
    ) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if Int(key(values[middle])) < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the link at `position` sits inside a quote (see `Link.quoted`).
    public func isQuoted(_ position: Int) -> Bool {
        guard !quoted.isEmpty else { return false }
        return quoted.withUnsafeBufferPointer { quoted in
            let found = Self.firstIndex(in: quoted, atLeast: position) { $0 }
            return found < quoted.count && Int(quoted[found]) == position
        }
    }

    /// No links.
    public init() {
        self.init([], sectionText: "")
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    /// The link at `position`, made from its record.
    public subscript(position: Int) -> Link {
        let record = records[position]
        let extra = extra(at: position)
        let anchor = record.anchor.0 >= 0 ? Int(record.anchor.0)..<Int(record.anchor.1) : nil
        let text: String
        if let own = extra?.text, own.0 >= 0 {
            text = strings.utf8Slice(Int(own.0)..<Int(own.1))
        } else if let anchor {
            text = sectionText.utf8Slice(anchor)
        } else {
            text = ""
        }
        return Link(
            id: record.id, text: text, url: string(record.url),
            title: extra.flatMap { string($0.title) }, anchor: anchor,
            quoted: isQuoted(position))
    }

    /// The links' text, URLs and tooltips as UTF-8, borrowed from the section for `body`
    /// without making `Link` values: how the search index reads a library.
    struct UTF8Parts {
        let section: UnsafeBufferPointer<UInt8>
        let strings: UnsafeBufferPointer<UInt8>
        let records: UnsafeBufferPointer<Record>
        let extras: UnsafeBufferPointer<Extra>

        /// The text, URL and tooltip of link `position` (each empty when absent).
        @inline(__always)
        func link(_ position: Int) -> (
            text: UnsafeBufferPointer<UInt8>, url: UnsafeBufferPointer<UInt8>,
            title: UnsafeBufferPointer<UInt8>
        ) {
            let record = records[position]
            let url = Self.slice(strings, record.url)
            let absent = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            guard !extras.isEmpty, let extra = SectionLinks.extra(in: extras, at: position)
            else { return (Self.slice(section, record.anchor), url, absent) }
            let text =
                extra.text.0 >= 0
                ? Self.slice(strings, extra.text) : Self.slice(section, record.anchor)
            return (text, url, Self.slice(strings, extra.title))
        }

        /// The URL of link `position` (empty when it has none).
        func url(_ position: Int) -> UnsafeBufferPointer<UInt8> {
            Self.slice(strings, records[position].url)
        }

        /// The id of link `position`.
        func id(_ position: Int) -> ItemID { records[position].id }

        /// `range` of `bytes`; empty when absent or out of bounds (a damaged cache entry
        /// read by the fuzzer must still be safe to read).
        @inline(__always)
        private static func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ range: (Int32, Int32))
            -> UnsafeBufferPointer<UInt8>
        {
            guard range.0 >= 0, range.0 <= range.1, Int(range.1) <= bytes.count else {
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            return UnsafeBufferPointer(rebasing: bytes[Int(range.0)..<Int(range.1)])
        }
    }

    /// Calls `body` with the links as UTF-8 (see `UTF8Parts`), valid only inside it.
    func withUTF8Parts<T>(_ body: (UTF8Parts) -> T) -> T {
        var sectionText = sectionText
        var strings = strings
        return sectionText.withUTF8 { section in
            strings.withUTF8 { buffer in
                records.withUnsafeBufferPointer { records in
                    extras.withUnsafeBufferPointer { extras in
                        body(
                            UTF8Parts(
                                section: section, strings: buffer, records: records,
                                extras: extras))
                    }
                }
            }
        }
    }

    /// The id of the link at `position`, without making the link.
    public func id(at position: Int) -> ItemID { records[position].id }

    /// Appends every link's id to `ids`, in order, without making the links.
    func appendIDs(to ids: inout [ItemID]) {
        forEachRawID { ids.append(ItemID(rawValue: $0)) }
    }

    /// Calls `body` with each link's id, in order, as its raw value.
    func forEachRawID(_ body: (UInt64) -> Void) {
        records.withUnsafeBufferPointer { records in
            for index in records.indices { body(records[index].id.rawValue) }
        }
    }

    /// Appends, in order, the ids of the links whose id's top `bits` bits are `part`: one
    /// of `1 << bits` parts of the library's ids, for work that takes them a part at a time.
    func appendIDs(to ids: inout [ItemID], part: UInt64, bits: Int) {
        guard bits > 0 else { return appendIDs(to: &ids) }
        let shift = UInt64(64 - bits)
        records.withUnsafeBufferPointer { records in
            for index in records.indices where records[index].id.rawValue >> shift == part {
                ids.append(records[index].id)
            }
        }
    }

    private func string(_ range: (Int32, Int32)) -> String? {
        range.0 >= 0 ? strings.utf8Slice(Int(range.0)..<Int(range.1)) : nil
    }

    public static func == (a: SectionLinks, b: SectionLinks) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(records.count)
        for record in records { hasher.combine(record.id) }
    }
}
