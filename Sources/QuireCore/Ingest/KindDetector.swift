/// Decides what kind of document a text is, from its content alone.
///
/// In order: an explicit `kind:` in front matter or header lines; a chapter list (three or
/// more timestamped lines, mostly in time order) makes show notes; a Markdown document
/// dense with links is a newsletter; posts (headers per post, reaction lines, greetings and
/// sign-offs) make a thread; Markdown with a heading and a few links is a newsletter;
/// anything else is a plain document.
enum KindDetector {
    static func detect(blocks: [Block], metadata: Metadata, isMarkdown: Bool) -> DocumentKind {
        if let kind = metadata.kind { return kind }
        if hasChapters(blocks) { return .showNotes }
        let linkCount = blocks.reduce(0) { $0 + $1.links.count }
        let headings = blocks.filter(\.isHeading)
        if isMarkdown, linkCount >= 10, headings.count >= 2,
            headings.filter({ PostSignals.isPostHeader($0.text) }).count < 2
        {
            return .newsletter
        }
        if isThread(blocks) { return .thread }
        if isMarkdown, !headings.isEmpty, linkCount >= 3 { return .newsletter }
        return .document
    }

    /// Three or more chapter markers, mostly in time order (see `ShowNotesParser`).
    private static func hasChapters(_ blocks: [Block]) -> Bool {
        var markers: [Int] = []
        for block in blocks {
            block.forEachLine { line, _, _ in
                if let marker = Timestamp.marker(in: line.trimmingWhitespace()[...]) { markers.append(marker.seconds) }
            }
        }
        guard markers.count >= 3 else { return false }
        // The cheap count found enough markers: confirm on the real chapter list.
        return ShowNotesParser.hasChapters(DocumentLine.lines(of: blocks))
    }

    private static func isThread(_ blocks: [Block]) -> Bool {
        var reactions = 0
        var greetings = 0
        var signOffs = 0
        var headers = 0
        for block in blocks {
            if block.isHeading {
                if PostSignals.isPostHeader(block.text) { headers += 1 }
                continue
            }
            block.forEachLine { line, isFirst, isLast in
                let text = String(line)
                if PostSignals.reactionCount(text) != nil { reactions += 1 }
                if isFirst, PostSignals.isGreeting(text) { greetings += 1 }
                if isLast, PostSignals.isSignOff(text) { signOffs += 1 }
            }
        }
        return headers >= 2 || reactions >= 2 || (reactions >= 1 && greetings + signOffs >= 1)
            || (greetings >= 2 && signOffs >= 1)
    }
}
