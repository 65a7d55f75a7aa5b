/// Turns show notes into a description section and one section per chapter.
///
/// The chapters are the largest cluster of chapter-marker lines (see `Timestamp`); they
/// keep document order even when a timestamp goes backwards. Lines before the cluster hold
/// the show name, episode title, date and season/episode line, then the description; lines
/// after it (promos, "listen on") are dropped unless they hold links, which are kept in a
/// trailing section.
enum ShowNotesParser {
    /// Markers closer than this many lines belong to one chapter list.
    static let maximumGap = 4

    /// The marker lines of the chapter list: indices into `lines` of its largest cluster.
    static func chapterLines(_ lines: [DocumentLine]) -> [(index: Int, marker: Timestamp.Marker)] {
        var clusters: [[(Int, Timestamp.Marker)]] = []
        var current: [(Int, Timestamp.Marker)] = []
        for (index, line) in lines.enumerated() {
            guard let marker = Timestamp.marker(in: line.text[...]) else { continue }
            if let last = current.last, index - last.0 > maximumGap {
                clusters.append(current)
                current = []
            }
            current.append((index, marker))
        }
        clusters.append(current)
        let best = clusters.max(by: { $0.count < $1.count }) ?? []
        return best.map { (index: $0.0, marker: $0.1) }
    }

    /// Whether `lines` hold a chapter list: three or more markers, mostly in time order.
    static func hasChapters(_ lines: [DocumentLine]) -> Bool {
        let markers = chapterLines(lines)
        guard markers.count >= 3 else { return false }
        var forward = 0
        for pair in zip(markers, markers.dropFirst())
        where pair.1.marker.seconds >= pair.0.marker.seconds {
            forward += 1
        }
        return forward * 3 >= (markers.count - 1) * 2
    }

    static func parse(_ blocks: [Block], metadata initial: Metadata, isMarkdown: Bool)
        -> ParsedDocument
    {
        var metadata = initial
        let lines = DocumentLine.lines(of: blocks)
        var markers = chapterLines(lines)
        let first = markers.first?.index ?? lines.count
        var last = markers.last?.index ?? lines.count - 1
        // Bullets nested under the last chapter's bullet are still its own.
        if let marker = markers.last, case .listItem(let depth) = lines[marker.index].blockKind {
            while last + 1 < lines.count, case .listItem(let inner) = lines[last + 1].blockKind,
                inner > depth
            {
                last += 1
            }
        }

        var header = ShowHeader()
        header.read(lines[..<first], metadata: &metadata)
        readAsFrames(&markers, in: lines, limit: metadata.duration ?? 86_400)
        var sections: [Section] = []
        if !header.description.isEmpty { sections.append(header.description.build()) }

        var chapter: SectionBuilder?
        let markerAt = Dictionary(uniqueKeysWithValues: markers.map { ($0.index, $0.marker) })
        for index in first..<(min(last + 1, lines.count)) {
            let line = lines[index]
            if let marker = markerAt[index] {
                if let chapter { sections.append(chapter.build()) }
                let title = line.text.utf8Slice(marker.titleRange).collapsingWhitespace()
                var builder = SectionBuilder(
                    title: title, level: 1, start: marker.seconds, baseURL: metadata.url)
                // A linked timestamp points into the episode, not to something to read.
                let spans = line.spans.filter { !$0.range.overlaps(marker.stampRange) }
                let body = line.text.utf8Slice(marker.titleRange)
                builder.add(
                    body,
                    spans: spans.compactMap {
                        $0.shifted(by: -marker.titleRange.lowerBound, within: body)
                    })
                chapter = builder
            } else {
                chapter?.add(
                    line.text, spans: line.spans, separator: line.startsBlock ? "\n\n" : "\n")
            }
        }
        if let chapter { sections.append(chapter.build()) }

        // After the chapters: keep only what links somewhere.
        if last + 1 < lines.count {
            let rest = lines[(last + 1)...]
            if rest.contains(where: { !$0.spans.isEmpty }), let firstLine = rest.first {
                // A label leading the links names them: a line of its own ending in a
                // colon before the first link (`Shownotes:`), or a label opening the first
                // line (`Mentioned: …`); else the first line's start does.
                let firstLink = rest.firstIndex(where: { !$0.spans.isEmpty })!
                let labelLine = rest[..<firstLink].last(where: {
                    $0.isStandalone && $0.text.hasSuffix(":") && $0.text.count <= 60
                })
                let lead = firstLine.text.prefix(40).split(separator: ":").first
                let title =
                    labelLine.map { String($0.text.dropLast()).trimmingWhitespace() }
                    ?? (lead.map { $0.count < firstLine.text.prefix(40).count } == true
                        ? lead!.trimmingWhitespace() : String(firstLine.text.prefix(60)))
                var trailing = SectionBuilder(title: title, level: 1, baseURL: metadata.url)
                for line in rest {
                    trailing.add(
                        line.text, spans: line.spans, separator: line.startsBlock ? "\n\n" : "\n")
                }
                sections.append(trailing.build())
            }
        }
        setEnds(of: &sections, duration: metadata.duration)
        let title = metadata.title ?? header.title ?? lines.first?.text ?? ""
        return ParsedDocument(title: title, metadata: metadata, sections: sections)
    }

    /// Three-field times that cannot be hours (`59:10:06` in an episode of an hour and a
    /// half, or past a day) are minutes, seconds and frames, as video editors write them:
    /// when any such time is past `limit`, every three-field time is read that way.
    static func readAsFrames(
        _ markers: inout [(index: Int, marker: Timestamp.Marker)], in lines: [DocumentLine],
        limit: Int
    ) {
        func fields(_ item: (index: Int, marker: Timestamp.Marker)) -> [Int] {
            lines[item.index].text.utf8Slice(item.marker.stampRange).split(separator: ":")
                .compactMap { Int($0.prefix(while: { $0.isASCII && $0.isNumber })) }
        }
        guard markers.contains(where: { $0.marker.seconds > limit && fields($0).count == 3 })
        else { return }
        for index in markers.indices {
            let parts = fields(markers[index])
            if parts.count == 3 { markers[index].marker.seconds = parts[0] * 60 + parts[1] }
        }
    }

    /// Each chapter ends where the next one starts, the last where the episode does (when
    /// its duration is known); a next start that goes backwards gives no end.
    static func setEnds(of sections: inout [Section], duration: Int?) {
        let chapters = sections.indices.filter { sections[$0].start != nil }
        for (position, index) in chapters.enumerated() {
            let start = sections[index].start!
            let next =
                position + 1 < chapters.count ? sections[chapters[position + 1]].start : duration
            if let next, next > start { sections[index].end = next }
        }
    }
}

/// The lines above a chapter list: show name, episode title, date line, description.
struct ShowHeader {
    var title: String?
    var description = SectionBuilder(title: "Description", level: 1)

    /// Words that only label the chapter list ("Show Notes", "Chapter Markers").
    private static let labelWords: Set<String> = [
        "show", "notes", "chapter", "chapters", "markers", "timestamps", "timeline", "contents",
        "episode",
        "transcript", "topics", "in", "this", "discussed", "outline",
    ]

    mutating func read(_ lines: ArraySlice<DocumentLine>, metadata: inout Metadata) {
        var candidates: [String] = []
        /// The title of a line that numbers the episode (`Episode 118: Building a Lab`).
        var episodeTitle: String?
        var dateLine: String?
        var inDescription = false
        var skipBlocks: Set<Int> = []
        for line in lines {
            if skipBlocks.contains(line.block) { continue }
            if line.startsBlock, line.blockKind == .paragraph,
                let found = Metadata(block: singleBlock(line, in: lines))
            {
                metadata.merge(found)
                skipBlocks.insert(line.block)
                continue
            }
            let text = line.text
            if case .heading = line.blockKind {
                if ShowHeader.isLabel(text) { continue }
                if title == nil, metadata.title == nil { title = text.collapsingWhitespace() }
                continue
            }
            if ShowHeader.isLabel(text) { continue }
            if !inDescription, let (episode, named) = ShowHeader.numberedTitle(text) {
                Self.note(episode: episode, in: &metadata)
                episodeTitle = episodeTitle ?? named
                continue
            }
            if !inDescription, let date = DateParser.isoDate(in: text), text.count <= 120 {
                metadata.date = metadata.date ?? date
                if let episode = ShowHeader.episode(in: text) {
                    Self.note(episode: episode, in: &metadata)
                }
                dateLine = text
                continue
            }
            if !inDescription, let episode = ShowHeader.episode(in: text), text.count <= 120 {
                Self.note(episode: episode, in: &metadata)
                dateLine = dateLine ?? text
                continue
            }
            if !inDescription, ShowHeader.isHeaderLine(text), line.spans.isEmpty {
                if !candidates.contains(text) { candidates.append(text) }
                continue
            }
            inDescription = true
            description.baseURL = metadata.url
            description.add(text, spans: line.spans, separator: line.startsBlock ? "\n\n" : " ")
        }
        // The show's name is the candidate the date line repeats, else the first of two.
        var source = metadata.source
        if source == nil, let dateLine {
            source = candidates.first(where: { dateLine.contains($0) })
        }
        // A show's name over an episode's own title line: two header lines, or one and a
        // numbered title.
        if source == nil, candidates.count >= 2 || episodeTitle != nil, title == nil,
            metadata.title == nil
        {
            source = candidates.first
        }
        metadata.source = source
        title = title ?? episodeTitle ?? candidates.first(where: { $0 != source })
    }

    /// Keeps the more specific of two spellings of one episode's number.
    ///
    /// `Season 4 Episode 118` wins over `Episode 118`, `Ep. 118` or `S4E118`: it has their
    /// numbers and more words.
    private static func note(episode: String, in metadata: inout Metadata) {
        guard let known = metadata.episode else {
            metadata.episode = episode
            return
        }
        func numbers(_ text: String) -> Set<Substring> {
            Set(text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }))
        }
        if episode.count > known.count, numbers(known).isSubset(of: numbers(episode)) {
            metadata.episode = episode
        }
    }

    private func singleBlock(_ line: DocumentLine, in lines: ArraySlice<DocumentLine>) -> Block {
        let blockLines = lines.filter { $0.block == line.block }
        var text = ""
        var links: [LinkSpan] = []
        for l in blockLines {
            if !text.isEmpty { text += "\n" }
            let offset = text.utf8.count
            text += l.text
            links += l.spans.map {
                $0.with(range: ($0.range.lowerBound + offset)..<($0.range.upperBound + offset))
            }
        }
        return Block(kind: .paragraph, text: text, links: links)
    }

    /// `Season 1 Episode 6`, `S2E14`, `Episode 12`, `Ep. 7`.
    static func episode(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        for (i, word) in words.enumerated() {
            let lower = word.lowercased().trimmingCharacters(in: ".,:#")
            if lower == "season" || lower == "series" || lower == "episode" || lower == "ep",
                i + 1 < words.count, Int(words[i + 1].trimmingCharacters(in: ",.:#")) != nil
            {
                var end = i + 2
                if end + 1 < words.count,
                    ["episode", "ep", "ep."].contains(
                        words[end].lowercased().trimmingCharacters(in: ",")),
                    Int(words[end + 1].trimmingCharacters(in: ",.:#")) != nil
                {
                    end += 2
                }
                return words[i..<end].joined(separator: " ").trimmingCharacters(in: ",.")
            }
            let upper = word.uppercased()
            if upper.hasPrefix("S"), let e = upper.firstIndex(of: "E"),
                Int(upper[upper.index(after: upper.startIndex)..<e]) != nil,
                Int(upper[upper.index(after: e)...]) != nil
            {
                return word
            }
        }
        return nil
    }

    /// The number and the title of a line that opens with an episode's number.
    ///
    /// `Episode 118: Building a Home Lab`, `Ep. 7 — Title`, `S2E14 - Title`; a separator
    /// must part them (`Episode 3 of 5` is no title).
    static func numberedTitle(_ text: String) -> (episode: String, title: String)? {
        let separators: Set<Character> = [":", "-", "—", "–", "|", "·", ".", " "]
        guard text.count <= 160, let found = episode(in: text) else { return nil }
        let episode = String(found.reversed().drop(while: { separators.contains($0) }).reversed())
        guard text.lowercased().hasPrefix(episode.lowercased()) else { return nil }
        let rest = text.dropFirst(episode.count)
        guard let first = rest.first, separators.contains(first),
            first != " "
                || rest
                    .drop(while: { $0 == " " }).first.map({ separators.contains($0) }) == true
        else { return nil }
        let title = rest.drop(while: { separators.contains($0) }).collapsingWhitespace()
        guard title.count >= 3 else { return nil }
        return (episode, title)
    }

    /// Short, no sentence punctuation at the end: a name or a title, not prose.
    static func isHeaderLine(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return text.count <= 100 && text.split(separator: " ").count <= 14 && !".!?".contains(last)
    }

    static func isLabel(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        return !words.isEmpty && words.count <= 5
            && words.allSatisfy { labelWords.contains(String($0)) }
    }
}

extension String {
    /// The text at a UTF-8 range.
    func utf8Slice(_ range: Range<Int>) -> String {
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return String(self[lower..<upper])
    }
}

extension LinkSpan {
    /// The span moved by `delta`, or nil when it falls outside `text`.
    func shifted(by delta: Int, within text: String) -> LinkSpan? {
        let lower = range.lowerBound + delta
        let upper = range.upperBound + delta
        guard lower >= 0, upper <= text.utf8.count else { return nil }
        return with(range: lower..<upper)
    }
}
