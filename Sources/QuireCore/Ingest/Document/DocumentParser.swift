/// Turns a document of no particular kind into one section holding all of it.
enum DocumentParser {
    static func parse(_ blocks: [Block], metadata initial: Metadata, isMarkdown: Bool)
        -> ParsedDocument
    {
        var metadata = initial
        var body = blocks
        if let first = body.first, let found = Metadata(block: first) {
            metadata.merge(found)
            body.removeFirst()
        }
        var title = metadata.title
        if title == nil, let first = body.first {
            let line =
                first.text.split(separator: "\n").first.map { $0.collapsingWhitespace() } ?? ""
            title = line.count > 80 ? String(line.prefix(79)) + "…" : line
            // A heading or a line of its own is the title, not part of the text.
            if first.isHeading || !first.text.contains("\n") { body.removeFirst() }
        }
        var section = SectionBuilder(title: title ?? "", level: 1, baseURL: metadata.url)
        for block in body {
            section.add(block, joinLines: isMarkdown)
        }
        let sections = [section.build()]
        return ParsedDocument(title: title ?? "", metadata: metadata, sections: sections)
    }
}
