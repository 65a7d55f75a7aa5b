/// Turns a newsletter's blocks into sections: each heading starts one.
///
/// Page chrome goes (see `SiteChrome`), and so does everything after a comments heading.
/// `Label: value` lines near the top give the URL and date. The title comes from front
/// matter or those lines, else from the first heading that is not chrome; a heading that
/// repeats the title starts no section. Text before any heading goes into a leading
/// "Introduction" section.
enum NewsletterParser {
    static func parse(_ allBlocks: [Block], metadata initial: Metadata) -> ParsedDocument {
        var metadata = initial
        var blocks = allBlocks
        if let cut = blocks.firstIndexInPlace(where: {
            $0.isHeading && SiteChrome.opensDiscussion($0.text)
        }) {
            blocks.removeSubrange(cut...)
        }
        // Metadata lines sit among the first few blocks.
        let (leading, metadataIndices) = Metadata.leading(blocks)
        metadata.merge(leading)
        let title =
            metadata.title
            ?? blocks.firstIndexInPlace(where: {
                $0.isHeading && !SiteChrome.isChromeHeading($0)
            }).map { blocks[$0].text.collapsingWhitespace() }
            // A digest that opens straight with its first item has no title line (its file
            // name stands in, see `Ingestor`).
            ?? blocks.first.flatMap {
                $0.isLinkItem ? nil : String($0.text.collapsingWhitespace().prefix(80))
            }
            ?? ""
        let baseURL = metadata.url

        var sections: [Section] = []
        var current = SectionBuilder(title: "Introduction", level: 1, baseURL: baseURL)
        current.dropsChromeLinks = true
        // Blocks are read in place: a copy of each would retain its three buffers.
        blocks.withUnsafeBufferPointer { blocks in
            /// The blocks after `index` up to the next heading: a section's.
            func section(after index: Int) -> UnsafeBufferPointer<Block> {
                var end = index + 1
                while end < blocks.count, !blocks[end].isHeading { end += 1 }
                return UnsafeBufferPointer(rebasing: blocks[(index + 1)..<end])
            }
            current.reserve(for: section(after: -1))
            for index in blocks.indices where index >= 8 || metadataIndices & (1 << index) == 0 {
                switch blocks[index].kind {
                case .heading(let level):
                    let heading = blocks[index].text.collapsingWhitespace()
                    if SiteChrome.isChromeHeading(blocks[index])
                        || heading.equalsIgnoringCase(title) || isTitle(heading, opening: title)
                    {
                        continue
                    }
                    if !current.isEmpty || current.title != "Introduction" {
                        sections.append(current.build())
                    }
                    current = SectionBuilder(title: heading, level: level, baseURL: baseURL)
                    current.dropsChromeLinks = true
                    current.reserve(for: section(after: index))
                    current.addLinks(of: blocks[index])
                case .paragraph, .listItem:
                    if SiteChrome.isChromeBlock(at: blocks.baseAddress! + index) { continue }
                    current.add(at: blocks.baseAddress! + index, joinLines: true)
                case .code:
                    current.add(
                        Block(kind: .paragraph, utf8: blocks[index].utf8, links: []),
                        joinLines: false)
                case .rule, .html:
                    continue
                }
            }
        }
        if !current.isEmpty || current.title != "Introduction" { sections.append(current.build()) }
        return ParsedDocument(title: title, metadata: metadata, sections: sections)
    }

    /// Whether `heading` is the start of `title` before a subtitle: an email's
    /// `Rustacean Roundup #88` under the subject `Rustacean Roundup #88: async traits land`.
    private static func isTitle(_ heading: String, opening title: String) -> Bool {
        guard heading.utf8.count >= 8, title.utf8.count > heading.utf8.count,
            let first = heading.utf8.first, let titleFirst = title.utf8.first,
            first | 0x20 == titleFirst | 0x20, title.lowercased().hasPrefix(heading.lowercased())
        else { return false }
        let rest = title.dropFirst(heading.count).drop(while: { $0 == " " })
        return rest.first.map { ":–—-|(,".contains($0) } ?? false
    }
}
