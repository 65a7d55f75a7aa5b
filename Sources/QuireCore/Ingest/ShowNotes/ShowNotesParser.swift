/// Turns show notes into a description section and one section per chapter.
///
/// Show notes with no chapter list and headings (an episode page with `About this
/// episode` and `Episode links`) are parted at their headings, as a newsletter is.
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
        // An episode without chapters (its length at the top made it show notes): its
        // headings part it as a newsletter's do (`About this episode`, `Episode links`).
        if markers.isEmpty, isMarkdown, blocks.contains(where: \.isHeading) {
            return NewsletterParser.parse(blocks, metadata: metadata)
        }
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

        // A time alone on its line heads what follows it, up to the next heading.
        if let marker = markers.last, marker.marker.titleRange.isEmpty {
            while last + 1 < lines.count, !lines[last + 1].isHeading {
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
                var title = line.text.utf8Slice(marker.titleRange).collapsingWhitespace()
                // A time alone on its line: the line below it names the chapter.
                if title.isEmpty, index + 1 < lines.count, markerAt[index + 1] == nil {
                    title = lines[index + 1].text.collapsingWhitespace()
                }
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
