/// Decides what kind of document a text is, from its content alone.
///
/// In order: an explicit `kind:` in front matter or header lines; a chapter list (three or
/// more timestamped lines, mostly in time order) makes show notes; a Markdown document
/// dense with links is a newsletter; posts (headers per post, reaction lines, greetings and
/// sign-offs) make a thread; Markdown with a heading and a few links is a newsletter;
/// anything else is a plain document.
enum KindDetector {
    static func detect(blocks: [Block], lines: [DocumentLine], metadata: Metadata, isMarkdown: Bool) -> DocumentKind {
        if let kind = metadata.kind { return kind }
        if ShowNotesParser.hasChapters(lines) { return .showNotes }
        let linkCount = blocks.reduce(0) { $0 + $1.links.count }
        let headings = blocks.filter(\.isHeading)
        if isMarkdown, linkCount >= 10, headings.count >= 2,
            headings.filter({ PostSignals.isPostHeader($0.text) }).count < 2
        {
            return .newsletter
        }
        if isThread(lines) { return .thread }
        if isMarkdown, !headings.isEmpty, linkCount >= 3 { return .newsletter }
        return .document
    }

    private static func isThread(_ lines: [DocumentLine]) -> Bool {
        var reactions = 0
        var greetings = 0
        var signOffs = 0
        var headers = 0
        for line in lines {
            if line.blockKind.isHeading {
                if PostSignals.isPostHeader(line.text) { headers += 1 }
                continue
            }
            if PostSignals.reactionCount(line.text) != nil { reactions += 1 }
            if line.startsBlock, PostSignals.isGreeting(line.text) { greetings += 1 }
            if line.endsBlock, PostSignals.isSignOff(line.text) { signOffs += 1 }
        }
        return headers >= 2 || reactions >= 2 || (reactions >= 1 && greetings + signOffs >= 1)
            || (greetings >= 2 && signOffs >= 1)
    }
}
