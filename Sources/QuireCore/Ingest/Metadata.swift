import Foundation

/// What a document says about itself: title, address, date, show, episode, kind.
///
/// Read from YAML front matter and from `Label: value` lines near the top, in any language:
/// a value is classified by what it is (a URL, a date) before what its label says, so
/// `**链接:** https://…` and `Link: https://…` both give the URL. When several URLs are
/// given (`source` and `link`), the most specific one — the longest path — is the issue's.
struct Metadata: Equatable, Sendable {
    var title: String?
    var url: String?
    var date: String?
    var source: String?
    var episode: String?
    /// An episode's length in whole seconds (`duration: "01:25:30"`, `Length: 85 min`).
    var duration: Int?
    var kind: DocumentKind?

    /// Fills what `self` lacks from `other`.
    mutating func merge(_ other: Metadata) {
        title = title ?? other.title
        url = url ?? other.url
        date = date ?? other.date
        source = source ?? other.source
        episode = episode ?? other.episode
        duration = duration ?? other.duration
        kind = kind ?? other.kind
    }

    private enum Role { case title, date, url, source, episode, duration, kind, ignored }

    private static let labels: [String: Role] = {
        var table: [String: Role] = [:]
        let groups: [(Role, [String])] = [
            (
                .title,
                [
                    "title", "titre", "título", "titulo", "titel", "titolo", "标题", "標題", "タイトル",
                    "제목", "topic",
                    "subject", "thread",
                ]
            ),
            (
                .date,
                [
                    "date", "published", "pubdate", "publish date", "published on", "posted",
                    "updated", "日期", "日付",
                    "fecha", "datum", "data", "发布日期", "發佈日期",
                ]
            ),
            (
                .url,
                [
                    "url", "link", "source", "permalink", "canonical", "链接", "鏈接", "来源", "來源",
                    "lien", "enlace",
                    "quelle", "fonte", "原文", "web",
                ]
            ),
            (
                .source,
                [
                    "podcast", "show", "series", "newsletter", "publication", "feed", "forum",
                    "site", "节目", "節目",
                ]
            ),
            (.episode, ["episode", "season", "ep"]),
            (
                .duration,
                ["duration", "length", "runtime", "running time", "durée", "dauer", "duración"]
            ),
            (.kind, ["kind", "type", "layout"]),
            (
                .ignored,
                [
                    "author", "by", "authors", "tags", "tag", "categories", "category",
                    "reading time", "作者", "auteur",
                    "autor",
                    // The episode's audio and the page's pictures: files, not the address.
                    "file", "audio", "mp3", "m4a", "ogg", "enclosure", "media", "video",
                    "image", "images", "cover", "thumbnail", "poster", "logo", "banner",
                    "featured image", "og image", "header image", "file size", "filesize",
                    "explicit",
                    // A forum archive's counters and ids.
                    "replies", "views", "reads", "likes", "topic id", "post id",
                ]
            ),
        ]
        for (role, names) in groups {
            for name in names { table[name] = role }
        }
        return table
    }()

    /// Reads YAML front matter.
    init(frontMatter: [String: String]) {
        for (key, value) in frontMatter.sorted(by: { $0.key < $1.key }) {
            apply(label: key, value: value, linkURL: nil, linkIsValue: false)
        }
    }

    init() {}

    /// Reads a block made only of `Label: value` lines; nil when it is anything else.
    init?(block: Block) {
        guard block.kind == .paragraph || block.kind == .listItem(depth: 1) else { return nil }
        // Every line must be `Label: value`; a first line with no colon early on is prose.
        guard Self.mayStartWithLabel(block.utf8) else { return nil }
        var found = Metadata()
        var recognised = 0
        for (line, range) in block.lineRanges() {
            guard let (label, value) = Metadata.split(line) else { return nil }
            let link = block.links.first(where: { $0.range.overlaps(range) })
            // Where the value sits in the block: it ends the line, before trailing spaces.
            let trailing = line.utf8.reversed().prefix(while: isASCIIWhitespace).count
            let valueEnd = range.upperBound - trailing
            let valueRange = (valueEnd - value.utf8.count)..<valueEnd
            // The link is the value, not the whole line: `← Previous: Tabs, Again` linked
            // whole is a way to another post, not this one's address.
            let linkIsValue = link.map {
                $0.range.lowerBound == valueRange.lowerBound
                    && $0.range.upperBound >= valueRange.upperBound
            }
            if found.apply(
                label: label, value: value, linkURL: link?.url.map(String.init),
                linkIsValue: linkIsValue ?? false)
            {
                recognised += 1
            }
        }
        guard recognised > 0 else { return nil }
        self = found
    }

    /// What a document's first eight blocks say about it, and which blocks said it.
    ///
    /// `Label: value` blocks (headings are never metadata), and a line that is only a date
    /// (`Nov 3, 2025`): the document's date. The blocks come as one bit per block.
    static func leading(_ blocks: [Block]) -> (metadata: Metadata, blocks: UInt8) {
        var found = Metadata()
        var indices: UInt8 = 0
        for index in blocks.indices.prefix(8) where !blocks[index].isHeading {
            if let metadata = Metadata(block: blocks[index]) {
                found.merge(metadata)
                indices |= 1 << index
            } else if found.date == nil, blocks[index].kind == .paragraph,
                blocks[index].utf8.count <= 40, blocks[index].links.isEmpty,
                !blocks[index].utf8.contains(10)
            {
                let text = blocks[index].text.trimmingWhitespace()
                if let date = DateParser.dateOnly(text) {
                    found.date = date
                    indices |= 1 << index
                }
            }
        }
        return (found, indices)
    }

    /// Whether one of the first eight blocks may give an episode's length.
    ///
    /// True when one holds the start of a duration label in any case (`dur` of duration,
    /// durée and Dauer; `length`, `runtime`, `running`). Rules out almost every document
    /// on bytes before `leading` reads it.
    static func mayStateDuration(_ blocks: [Block]) -> Bool {
        let needles: [[UInt8]] = ["dur", "length", "runtime", "running"].map { Array($0.utf8) }
        return blocks.prefix(8).contains { block in
            block.utf8.withUnsafeBufferPointer { whole in
                // A block of `Label: value` lines is short; a long one is prose.
                let bytes = UnsafeBufferPointer(rebasing: whole.prefix(1024))
                guard bytes.count >= 3 else { return false }
                for start in 0...(bytes.count - 3) {
                    let lead = bytes[start] | 0x20
                    guard
                        lead == UInt8(ascii: "d") || lead == UInt8(ascii: "l")
                            || lead == UInt8(ascii: "r")
                    else { continue }
                    for needle in needles where needle[0] == lead {
                        guard start + needle.count <= bytes.count else { continue }
                        if needle.indices.allSatisfy({ bytes[start + $0] | 0x20 == needle[$0] }) {
                            return true
                        }
                    }
                }
                return false
            }
        }
    }

    /// Reads one `Label: value` line (a heading's too: `### Replies: 34`); nil when it is
    /// not one or says nothing quire knows.
    init?(line: DocumentLine) {
        guard let (label, value) = Metadata.split(Substring(line.text)) else { return nil }
        let valueStart = line.text.utf8.count - value.utf8.count
        let link = line.spans.last
        var found = Metadata()
        guard
            found.apply(
                label: label, value: value, linkURL: link?.url.map(String.init),
                linkIsValue: link.map { $0.range.lowerBound <= valueStart } ?? false)
        else { return nil }
        self = found
    }

    /// Whether the first line of `utf8` may be `Label: value` as `split` reads it.
    ///
    /// A colon (`:` or the full-width `：`) in its first 128 bytes, with at most three words
    /// and no `/` or `*` before it. Rules out a block of prose without making a string of it.
    private static func mayStartWithLabel(_ block: SharedSlice<UInt8>) -> Bool {
        block.withUnsafeBufferPointer { utf8 in
            var words = 0
            var inWord = false
            for byte in utf8.prefix(128) {
                switch byte {
                case 10, 47, 42: return false  // a line break, `/`, `*`
                case 58, 0xEF: return words > 0 || byte == 0xEF
                case 32, 9:
                    inWord = false
                default:
                    if !inWord {
                        words += 1
                        if words > 3 { return false }
                        inWord = true
                    }
                }
            }
            return false
        }
    }

    /// Splits `Label: value` (also with a full-width colon); nil when the line is not one.
    static func split(_ line: Substring) -> (String, String)? {
        // A label is at most 30 characters: look for its colon no further than that, on
        // bytes (lines of prose can be long).
        let utf8 = line.utf8
        var found: Substring.Index?
        var index = utf8.startIndex
        var scanned = 0
        while index < utf8.endIndex, scanned < 128 {
            let byte = utf8[index]
            if byte == 58 || (byte == 0xEF && utf8[index...].starts(with: "：".utf8)) {
                found = index
                break
            }
            index = utf8.index(after: index)
            scanned += 1
        }
        guard let colon = found else { return nil }
        let label = line[..<colon].trimmingWhitespace()
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        // "see https://…" is prose with a URL, not a label.
        guard !value.hasPrefix("//"), !label.isEmpty, !value.isEmpty, label.count <= 30,
            !label.utf8.contains(where: { $0 == 47 || $0 == 42 }),  // `/`, `*`
            Self.words(label.utf8) <= 3
        else { return nil }
        return (label, value)
    }

    /// How many words of `utf8` stand between spaces (as `split(separator: " ")` counts).
    private static func words(_ utf8: String.UTF8View) -> Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            if byte == 32 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// Records one label/value pair; returns whether it was understood.
    ///
    /// A link on the line gives the URL when the label says the value is one (`Link:`,
    /// `Published:`) or when the link is the whole value (`链接: [https://…](…)`); a line
    /// of content that merely holds a link (`WiscKey: [the paper][wisckey] — still…`) is
    /// not metadata. A value can give both a date and a URL
    /// (`Published: 2025-03-07 · https://digest.example.net/issues/42`).
    @discardableResult
    private mutating func apply(
        label: String, value: String, linkURL: String?, linkIsValue: Bool
    ) -> Bool {
        let role = Metadata.role(of: label)
        var valueURL =
            value.hasPrefix("http://") || value.hasPrefix("https://")
            ? value : (role != nil || linkIsValue ? linkURL : nil)
        if let url = valueURL, Metadata.isMediaFile(url) { valueURL = nil }
        switch role {
        case .title:
            title = title ?? value
            return true
        case .source where valueURL == nil:
            source = source ?? value
            return true
        case .episode:
            episode = episode ?? "\(label.capitalized) \(value)"
            return true
        case .duration:
            if let seconds = Metadata.seconds(inDuration: value) {
                duration = duration ?? seconds
                return true
            }
            return false
        case .kind:
            if let k = DocumentKind(
                rawValue: value.lowercased().replacingOccurrences(of: " ", with: "-"))
            {
                kind = kind ?? k
            }
            return true
        case .ignored:
            return true
        default:
            break
        }
        var understood = role != nil
        if role == .date, let iso = Metadata.epochDate(value) {
            date = date ?? iso
            return true
        }
        if let iso = role == .date ? DateParser.isoDate(in: value) : DateParser.dateOnly(value) {
            date = date ?? iso
            understood = true
        }
        if let valueURL, !valueURL.contains(" ") {
            if url == nil || Metadata.specificity(valueURL) > Metadata.specificity(url!) {
                url = valueURL
            }
            understood = true
        }
        return understood
    }

    /// What a label says, as written or in the forms site generators write it:
    /// `podcast_duration`, `episode-file`, `Featured_Image`.
    private static func role(of label: String) -> Role? {
        let lowered = label.lowercased()
        if let role = labels[lowered] { return role }
        let spaced = String(lowered.map { $0 == "_" || $0 == "-" ? " " : $0 })
        if let role = labels[spaced] { return role }
        for prefix in ["podcast ", "episode ", "post ", "page "] where spaced.hasPrefix(prefix) {
            if let role = labels[String(spaced.dropFirst(prefix.count))] { return role }
        }
        return nil
    }
}
