/// Turns a forum thread into one section per post.
///
/// In a Markdown export with a header per post, each header starts a post. Otherwise
/// posts are split where the shape of the text says one ended: after a reaction line
/// (`3 Likes`, counted on the post), at a run of three or more blank lines, before a
/// greeting (`Hi @name,`), and after a sign-off (`Cheers, Ann`) unless a `P.S.` follows.
/// A standalone line that names a work without a link becomes a link with no URL.
enum ThreadParser {
    /// Blank lines that on their own separate two posts.
    static let postGap = 3

    static func parse(_ blocks: [Block], metadata initial: Metadata) -> ParsedDocument {
        var metadata = initial
        var lines = DocumentLine.lines(of: blocks)
        // Metadata lines at the top.
        if let first = lines.first, first.blockKind == .paragraph,
            let found = Metadata(block: blocks[first.block])
        {
            metadata.merge(found)
            lines.removeAll { $0.block == first.block }
        }
        let headers = lines.filter { $0.blockKind.isHeading && PostSignals.isPostHeader($0.text) }
            .count
        let byHeaders = headers >= 2

        // The topic title: front matter, a leading heading that is not a post header, or a
        // short first line.
        var title = metadata.title
        if let first = lines.first {
            let isTopicLine =
                first.blockKind.isHeading
                ? !(byHeaders && PostSignals.isPostHeader(first.text))
                : (first.isStandalone && ShowHeader.isHeaderLine(first.text)
                    && PostSignals.reactionCount(first.text) == nil)
            if isTopicLine {
                title = title ?? first.text.collapsingWhitespace()
                lines.removeFirst()
            }
        }

        var posts: [SectionBuilder] = []
        var post = PostBuilder(baseURL: metadata.url)
        func endPost() {
            if let built = post.finish() { posts.append(built) }
            post = PostBuilder(baseURL: metadata.url)
        }
        for line in lines {
            if byHeaders {
                if line.blockKind.isHeading, PostSignals.isPostHeader(line.text) {
                    endPost()
                    post.header = line.text.collapsingWhitespace()
                    continue
                }
                if let count = PostSignals.reactionCount(line.text) {
                    post.reactions += count
                    continue
                }
                post.add(line)
                continue
            }
            if let count = PostSignals.reactionCount(line.text) {
                post.reactions += count
                endPost()
                continue
            }
            if line.blankLinesBefore >= postGap
                || (post.signedOff && !PostSignals.isPostscript(line.text))
                || (PostSignals.isGreeting(line.text) && line.startsBlock)
            {
                endPost()
            }
            post.add(line)
            if PostSignals.isSignOff(line.text), line.endsBlock { post.signedOff = true }
        }
        endPost()
        let sections = posts.map { $0.build() }
        return ParsedDocument(
            title: title ?? sections.first?.title ?? "", metadata: metadata, sections: sections)
    }
}

/// Collects one post's lines.
private struct PostBuilder {
    var header: String?
    var reactions = 0
    var signedOff = false
    var lines: [DocumentLine] = []
    let baseURL: String?

    init(baseURL: String?) { self.baseURL = baseURL }

    mutating func add(_ line: DocumentLine) { lines.append(line) }

    /// The post as a section; nil when it holds nothing (reactions with no post are added
    /// to nothing rather than made up into one).
    func finish() -> SectionBuilder? {
        guard !lines.isEmpty || header != nil else { return nil }
        var builder = SectionBuilder(
            title: header ?? PostBuilder.summary(of: lines), level: 1, baseURL: baseURL)
        builder.reactions = reactions
        for (index, line) in lines.enumerated() {
            let separator = index == 0 ? "" : (line.startsBlock ? "\n\n" : "\n")
            builder.add(line.text, spans: line.spans, separator: separator)
            if line.isStandalone, line.spans.isEmpty, PostSignals.isWorkTitle(line.text) {
                var text = line.text
                if text.hasSuffix(":") { text.removeLast() }
                builder.addLink(text: text.trimmingWhitespace(), url: nil)
            }
        }
        return builder
    }

    /// The first line, cut at a word boundary to about 60 characters.
    static func summary(of lines: [DocumentLine]) -> String {
        guard let first = lines.first?.text.collapsingWhitespace() else { return "" }
        guard first.count > 60 else { return first }
        var cut = ""
        for word in first.split(separator: " ") {
            if cut.count + word.count + 1 > 60 { break }
            cut += cut.isEmpty ? String(word) : " " + word
        }
        return (cut.isEmpty ? String(first.prefix(60)) : cut) + "…"
    }
}

extension Block.Kind {
    var isHeading: Bool {
        if case .heading = self { return true }
        return false
    }
}
