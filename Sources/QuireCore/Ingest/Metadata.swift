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
            let linkIsValue = link.map {
                $0.range.lowerBound <= valueRange.lowerBound
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
            label.split(separator: " ").count <= 3, !label.contains("/"), !label.contains("*")
        else { return nil }
        return (label, value)
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
        if let iso = DateParser.isoDate(in: value), role == .date || DateParser.isDateOnly(value) {
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

    /// A length as documents write it: `01:25:30`, `85:30`, `5130` (seconds, up to a
    /// day), `85 min`, `1h 25m`, `1 hr 25 min 30 s`; nil for anything else.
    static func seconds(inDuration value: String) -> Int? {
        let text = value.trimmingWhitespace()
        if let seconds = Timestamp.seconds(text) { return seconds }
        // Bare seconds; a number past a day is something else (`length:` in bytes).
        if let seconds = Int(text) { return seconds >= 0 && seconds <= 86_400 ? seconds : nil }
        // Numbers each followed by a unit.
        var total = 0
        var found = false
        var number: Int?
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }) {
            var digits = word.prefix(while: { $0.isASCII && $0.isNumber })
            var unit = word.dropFirst(digits.count)
            if digits.isEmpty {
                guard let pending = number else { return nil }
                digits = Substring(String(pending))
                unit = word
            }
            guard let value = Int(digits) else { return nil }
            if unit.isEmpty {
                number = value
                continue
            }
            let scale: Int
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "m", "min", "mins", "minute", "minutes": scale = 60
            case "s", "sec", "secs", "second", "seconds": scale = 1
            default: return nil
            }
            total += value * scale
            found = true
            number = nil
        }
        return found && number == nil ? total : nil
    }

    /// A Unix time in seconds (10 digits) or milliseconds (13 digits), as some exports
    /// write `date: 1594645200954`, as an ISO 8601 date (UTC).
    static func epochDate(_ value: String) -> String? {
        guard value.count == 10 || value.count == 13, let number = Int(value), number > 0 else {
            return nil
        }
        let seconds = value.count == 13 ? number / 1000 : number
        return String(StateClock.format(secondsSince1970: seconds).prefix(10))
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

    /// Extensions of audio, video and image files: a link to one is an attachment of the
    /// page (the episode's MP3, the cover), never the page's own address.
    private static let mediaExtensions: Set<String> = [
        "mp3", "m4a", "m4b", "aac", "ogg", "oga", "opus", "wav", "flac", "mp4", "m4v", "mov",
        "webm", "mkv", "jpg", "jpeg", "png", "gif", "webp", "svg", "avif",
    ]

    /// Whether `url`'s path ends in a media file's extension.
    static func isMediaFile(_ url: String) -> Bool {
        let path = url.prefix(while: { $0 != "?" && $0 != "#" })
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return mediaExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// How deep a URL's path goes: `https://site` 0, `https://site/p/post` 2.
    static func specificity(_ url: String) -> Int {
        guard let origin = LinkResolver.origin(of: url) else { return 0 }
        return url.dropFirst(origin.count).split(separator: "/").count
    }
}

extension Block {
    /// Each line of the text with its UTF-8 range.
    func lineRanges() -> [(Substring, Range<Int>)] {
        var result: [(Substring, Range<Int>)] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var startOffset = 0
        var offset = 0
        for index in utf8.indices {
            if utf8[index] == 10 {
                result.append((text[lineStart..<index], startOffset..<offset))
                lineStart = utf8.index(after: index)
                startOffset = offset + 1
            }
            offset += 1
        }
        result.append((text[lineStart...], startOffset..<offset))
        return result
    }

    /// The link spans inside `range`, shifted to be relative to its start.
    func spans(in range: Range<Int>) -> [LinkSpan] {
        links.compactMap { span in
            guard span.range.lowerBound >= range.lowerBound,
                span.range.upperBound <= range.upperBound
            else {
                return nil
            }
            return span.with(
                range: (span.range.lowerBound - range.lowerBound)..<(span.range.upperBound
                    - range.lowerBound))
        }
    }
}
