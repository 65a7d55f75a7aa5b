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
