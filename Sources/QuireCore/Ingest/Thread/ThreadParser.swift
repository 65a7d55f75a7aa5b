/// Turns a forum thread into one section per post.
///
/// In an export with a header per post (`## Post #3 by @maria (…)`, `maria on 2019-…`,
/// `halseth | 2024-09-16 13:01:59 UTC | #1`), each header starts a post and gives its
/// author, time and number (`PostHeader`). Otherwise posts are split where the shape of the
/// text says one ended: after a reaction line (`3 Likes`, counted on the post), at a rule
/// (`---`), at a run of three or more blank lines, before a greeting (`Hi @name,`), and
/// after a sign-off (`Cheers, Ann`) unless a `P.S.` follows. Quoted lines (`> …`, or
/// between `[quote=…]` and `[/quote]`) stay in the quoting post, their links marked quoted.
/// A standalone line that names a work without a link becomes a link with no URL.
enum ThreadParser {
    /// Blank lines that on their own separate two posts.
    static let postGap = 3

    /// A plain-text line of three or more dashes, underscores, asterisks or equals signs.
    static func isRuleLine(_ line: DocumentLine) -> Bool {
        let text = line.text.filter { $0 != " " }
        guard text.count >= 3, let mark = text.first, "-_*=".contains(mark) else { return false }
        return text.allSatisfy { $0 == mark }
    }

    /// A heading that heads a post (`## Post #3 by @maria …`), or a line in the
    /// bar-separated form (`halseth | 2024-09-16 13:01:59 UTC | #1`) that starts or ends
    /// its paragraph (an archive may put the topic's name on the line before the first).
    static func isPostHeader(_ line: DocumentLine) -> Bool {
        line.blockKind.isHeading
            ? PostSignals.isPostHeader(line.text)
            : (line.startsBlock || line.endsBlock) && PostSignals.isFieldHeader(line.text)
    }

    /// The lines before the first post header, less those that describe the topic.
    ///
    /// Blocks made only of `Label: value` lines (`**Topic ID**: 4381` / `**Date**: …` /
    /// `**URL**: …`) and single such lines (`Thread: pprof-results`, `### Replies: 34
    /// Views: 954`) go into `metadata`; the lines left are returned.
    private static func takePreamble(
        _ lines: [DocumentLine], blocks: [Block], into metadata: inout Metadata
    ) -> [DocumentLine] {
        guard let firstHeader = lines.firstIndex(where: isPostHeader) else { return lines }
        var left: [DocumentLine] = []
        var taken: Set<Int> = []
        for line in lines[..<firstHeader] {
            if taken.contains(line.block) { continue }
            // A whole block, unless the first header is in it.
            if line.startsBlock, line.block != lines[firstHeader].block,
                let found = Metadata(block: blocks[line.block])
            {
                metadata.merge(found)
                taken.insert(line.block)
                continue
            }
            if let found = Metadata(line: line) {
                metadata.merge(found)
                continue
            }
            left.append(line)
        }
        return left + lines[firstHeader...]
    }

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
        let headers = lines.filter(Self.isPostHeader).count
        let byHeaders = headers >= 2
        if byHeaders { lines = takePreamble(lines, blocks: blocks, into: &metadata) }

        // The topic title: front matter, a leading heading that is not a post header, or a
        // short first line.
        var title = metadata.title
        if let first = lines.first {
            let isTopicLine =
                !(byHeaders && Self.isPostHeader(first))
                && (first.blockKind.isHeading
                    || (first.isStandalone && ShowHeader.isHeaderLine(first.text)
                        && PostSignals.reactionCount(first.text) == nil))
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
            // A rule (`---`, or a line of dashes in plain text) parts posts; with headers,
            // the headers already do.
            if line.blockKind == .rule || Self.isRuleLine(line) {
                if !byHeaders { endPost() }
                continue
            }
            if byHeaders {
                if Self.isPostHeader(line) {
                    endPost()
                    post.header = line.text.collapsingWhitespace()
                    post.about = PostHeader(line.text)
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
        // No topic line: the first post's opening words (its header is only a byline).
        let opening = sections.first.map { section in
            section.author == nil
                ? section.title
                : PostBuilder.summary(String(section.text.prefix(while: { $0 != "\n" })))
        }
        // The topic's date, when nothing above gave one: its first post's.
        if metadata.date == nil, let posted = sections.first?.posted {
            metadata.date = String(posted.prefix(10))
        }
        return ParsedDocument(
            title: title ?? opening ?? "", metadata: metadata, sections: sections)
    }
}

/// Collects one post's lines.
struct PostBuilder {
    var header: String?
    /// Author, time and number, from the header.
    var about = PostHeader()
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
        builder.author = about.author
        builder.posted = about.posted
        builder.number = about.number
        // `[quote="maria, post:3, topic:1142"]` … `[/quote]`, as Discourse writes quotes.
        var inQuote = false
        var index = 0
        for line in lines {
            let lower = line.text.lowercased()
            if lower.hasPrefix("[quote") {
                inQuote = true
                continue
            }
            if lower.hasPrefix("[/quote]") {
                inQuote = false
                continue
            }
            let separator = index == 0 ? "" : (line.startsBlock ? "\n\n" : "\n")
            index += 1
            builder.quoting = inQuote || line.quoted
            // Quoted text reads as a quote: `> ` before it, unless the line has its own.
            let marked = builder.quoting && !line.text.hasPrefix(">")
            builder.add(
                line.text, spans: line.spans, separator: separator, prefix: marked ? "> " : "")
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
        lines.first.map { summary($0.text) } ?? ""
    }

    /// `line` cut at a word boundary to about 60 characters.
    static func summary(_ line: String) -> String {
        let first = line.collapsingWhitespace()
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
