/// Accumulates blocks or lines into one section's text and links.
///
/// Text is kept readable: paragraphs are separated by a blank line, list items by a line
/// break with a bullet, and each link's place in the text is recorded as its anchor.
/// A link whose identity already appears in the section is kept once.
struct SectionBuilder {
    var title: String
    var level: Int
    var start: Int?
    var reactions = 0
    /// Resolves relative links; usually the URL.
    var baseURL: String?
    /// Drops links that are not reading items in this kind of document.
    var keepLink: @Sendable (_ text: String, _ url: String) -> Bool = { _, _ in true }

    private(set) var text = ""
    /// Links collected so far; their text is cut from the final section text in `build`.
    private var pending: [PendingLink] = []
    private var seen: Set<ItemID> = []

    private struct PendingLink {
        var id: ItemID
        /// Set only when the text is not a plain slice of the section text.
        var ownText: String?
        var url: String?
        var title: String?
        var anchor: Range<Int>?
    }
    private var lastWasListItem = false

    init(title: String, level: Int = 1, start: Int? = nil, baseURL: String? = nil) {
        self.title = title
        self.level = level
        self.start = start
        self.baseURL = baseURL
    }

    var isEmpty: Bool { text.isEmpty && pending.isEmpty }

    /// Appends a block; `joinLines` turns its line breaks into spaces (Markdown soft breaks).
    mutating func add(_ block: Block, joinLines: Bool) {
        var prefix = ""
        var separator = "\n\n"
        switch block.kind {
        case .listItem(let depth):
            prefix = String(repeating: "  ", count: max(0, depth - 1)) + "• "
            if lastWasListItem { separator = "\n" }
            lastWasListItem = true
        case .rule:
            return
        default:
            lastWasListItem = false
        }
        let text = joinLines ? block.text.replacingNewlinesWithSpaces() : block.text
        // Removed images can leave spaces at the ends; trim them and shift the links.
        let lead = text.utf8.prefix(while: { $0 == 32 }).count
        let trail = text.utf8.reversed().prefix(while: { $0 == 32 }).count
        guard lead < text.utf8.count else { return }
        let body = text.utf8Slice(lead..<(text.utf8.count - trail))
        let length = body.utf8.count
        let spans = block.links.compactMap { span -> LinkSpan? in
            let lower = min(max(0, span.range.lowerBound - lead), length)
            let upper = min(max(0, span.range.upperBound - lead), length)
            return upper > lower ? LinkSpan(range: lower..<upper, url: span.url, title: span.title) : nil
        }
        add(body, spans: spans, separator: separator, prefix: prefix)
    }

    /// Appends text whose links are `spans` (UTF-8 offsets into `body`).
    mutating func add(_ body: String, spans: [LinkSpan], separator: String = "\n\n", prefix: String = "") {
        if !text.isEmpty { text += separator }
        text += prefix
        let offset = text.utf8.count
        text += body
        for span in spans {
            addLink(span, in: body, offset: offset)
        }
    }

    /// Adds a link that is not anchored in the text.
    mutating func addLink(text linkText: String, url: String?, title: String? = nil) {
        append(PendingLink(id: Link.identity(text: linkText, url: url), ownText: linkText, url: url, title: title))
    }

    private mutating func addLink(_ span: LinkSpan, in body: String, offset: Int) {
        // The anchor leaves out spaces at the ends of the link text.
        var lower = span.range.lowerBound
        var upper = span.range.upperBound
        let bytes = body.utf8
        let base = bytes.startIndex
        while lower < upper, isASCIIWhitespace(bytes[bytes.index(base, offsetBy: lower)]) { lower += 1 }
        while upper > lower, isASCIIWhitespace(bytes[bytes.index(base, offsetBy: upper - 1)]) { upper -= 1 }
        let slice = body.utf8Slice(lower..<upper)
        let linkText = slice.collapsingWhitespace()
        var url: String?
        if let raw = span.url {
            guard let resolved = LinkResolver.resolve(raw, base: baseURL), keepLink(linkText, resolved) else {
                return
            }
            url = resolved
        }
        let anchor = (offset + lower)..<(offset + upper)
        if linkText.isEmpty {
            guard let url else { return }
            append(PendingLink(id: Link.identity(text: url, url: url), ownText: url, url: url, title: span.title, anchor: anchor))
        } else {
            append(
                PendingLink(
                    id: Link.identity(text: linkText, url: url), ownText: linkText == slice ? nil : linkText, url: url,
                    title: span.title, anchor: anchor))
        }
    }

    private mutating func append(_ link: PendingLink) {
        guard seen.insert(link.id).inserted else { return }
        pending.append(link)
    }

    /// The section, its text stored without spare capacity.
    func build() -> Section {
        let finalText = String(decoding: Array(text.utf8), as: UTF8.self)
        let links = pending.map { link in
            Link(
                id: link.id, text: link.ownText ?? link.anchor.map { finalText.utf8Slice($0) } ?? "", url: link.url,
                title: link.title, anchor: link.anchor)
        }
        return Section(title: title, level: level, start: start, text: finalText, links: links, reactions: reactions)
    }
}

extension String {
    /// The string with `\n` made a space; same UTF-8 length, so offsets stay valid.
    func replacingNewlinesWithSpaces() -> String {
        guard containsByte(10) else { return self }
        return String(decoding: utf8.map { $0 == 10 ? 32 : $0 }, as: UTF8.self)
    }
}
