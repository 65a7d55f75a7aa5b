import QuireCore

/// One wrapped line of the reader.
public typealias ReaderLine = [Span]

/// What the reader shows, wrapped to a width: the section's text with its links numbered
/// and highlighted in place, or, when the links pane has focus, the selected link in full.
///
/// Pure, so `update` (for scroll limits) and `render` (for drawing) agree on every line.
public enum ReaderContent {
    public static func lines(for state: AppState, width: Int) -> [ReaderLine] {
        guard width > 0 else { return [] }
        if state.focus == .links, let link = state.currentLink, let section = state.currentSection {
            var lines = linkLines(
                link, index: state.currentLinkIndex ?? 0, in: section, width: width)
            let elsewhere = otherPlaces(of: link.id, in: state)
            if !elsewhere.isEmpty {
                lines.append([])
                let shown = elsewhere.prefix(5).joined(separator: "; ")
                let more = elsewhere.count > 5 ? " and \(elsewhere.count - 5) more" : ""
                lines += wrap([Span("Also in: ", .dim), Span(shown + more)], width: width)
            }
            return lines
        }
        guard let section = state.currentSection else {
            return state.currentIssue == nil
                ? [] : wrap([Span("(this issue has no sections)", .dim)], width: width)
        }
        return sectionLines(
            section, selectedLink: state.focus == .links ? state.currentLinkIndex : nil,
            width: width)
    }

    /// The section text with each anchored link highlighted and followed by its number.
    static func sectionLines(_ section: Section, selectedLink: Int?, width: Int) -> [ReaderLine] {
        var lines: [ReaderLine] = []
        if let start = section.start {
            var heading = "Chapter at \(QuireCore.Timestamp.format(start))"
            if let end = section.end, end > start {
                heading =
                    "Chapter \(QuireCore.Timestamp.format(start))–"
                    + "\(QuireCore.Timestamp.format(end)) (\(QuireCore.Timestamp.format(end - start)))"
            }
            lines += wrap([Span(heading, .accent)], width: width)
            lines.append([])
        } else if let byline = PostByline.text(of: section, style: .long) {
            lines += wrap([Span(byline, .accent)], width: width)
            lines.append([])
        }
        let text = Array(section.text.utf8)
        var anchors: [(range: Range<Int>, number: Int)] = []
        for index in section.links.indices {
            if let anchor = section.links[index].anchor, anchor.upperBound <= text.count {
                anchors.append((anchor, index + 1))
            }
        }
        anchors.sort { $0.range.lowerBound < $1.range.lowerBound }
        var spans: [Span] = []
        var cursor = 0
        for (range, number) in anchors where range.lowerBound >= cursor {
            if range.lowerBound > cursor {
                spans.append(Span(String(decoding: text[cursor..<range.lowerBound], as: UTF8.self)))
            }
            let style: Style = selectedLink == number - 1 ? .linkSelected : .link
            let url = section.links[number - 1].url
            spans.append(
                Span(
                    String(decoding: text[range], as: UTF8.self), style,
                    url: LinkSafety.refusal(toOpen: url) == nil ? url : nil))
            spans.append(Span("[\(number)]", .linkNumber))
            cursor = range.upperBound
        }
        if cursor < text.count {
            spans.append(Span(String(decoding: text[cursor...], as: UTF8.self)))
        }
        for paragraph in splitLines(spans) {
            lines += paragraph.isEmpty ? [[]] : wrapHanging(paragraph, width: width)
        }
        if section.text.isEmpty, section.links.isEmpty {
            lines += wrap([Span("(empty section)", .dim)], width: width)
        }
        return lines
    }

    /// Where else the same reading item appears: `Issue › Section`, other than the
    /// current section (nothing until the library's link places have been worked out).
    static func otherPlaces(of id: ItemID, in state: AppState) -> [String] {
        guard let index = state.linkPlaces else { return [] }
        let current = state.currentSection?.id
        return index.places(of: id).compactMap { place in
            let issue = state.library.issues[place.issue]
            let section = issue.sections[place.section]
            guard section.id != current else { return nil }
            return "\(issue.title) \(state.glyphs.breadcrumb) \(section.title)"
        }
    }

    /// One link in full: text, URL, tooltip, and the sentence it sits in.
    static func linkLines(_ link: Link, index: Int, in section: Section, width: Int) -> [ReaderLine]
    {
        var lines: [ReaderLine] = []
        lines += wrap([Span("Link \(index + 1) of \(section.links.count)", .dim)], width: width)
        lines.append([])
        let target = LinkSafety.refusal(toOpen: link.url) == nil ? link.url : nil
        lines += wrap([Span(link.text, .link, url: target)], width: width)
        lines += wrap(
            [Span(link.url ?? "(named without a link)", .accent, url: target)], width: width)
        if let title = link.title {
            lines.append([])
            lines += wrap([Span("Tooltip: ", .dim), Span(title)], width: width)
        }
        if let anchor = link.anchor {
            let sentence = sentence(around: anchor, in: section.text)
            if !sentence.isEmpty {
                lines.append([])
                lines += wrap([Span("In context: ", .dim), Span(sentence)], width: width)
            }
        }
        return lines
    }

    /// The sentence (or list item) around a UTF-8 range of `text`.
    static func sentence(around anchor: Range<Int>, in text: String) -> String {
        let bytes = Array(text.utf8)
        guard anchor.upperBound <= bytes.count else { return "" }
        var start = anchor.lowerBound
        while start > 0 {
            let byte = bytes[start - 1]
            if byte == 10 { break }
            if start >= 2,
                (bytes[start - 2] == 46 || bytes[start - 2] == 63 || bytes[start - 2] == 33),
                byte == 32
            {
                break
            }
            start -= 1
        }
        var end = anchor.upperBound
        while end < bytes.count {
            let byte = bytes[end]
            if byte == 10 { break }
            end += 1
            if byte == 46 || byte == 63 || byte == 33, end == bytes.count || bytes[end] == 32 {
                break
            }
        }
        let sentence = String(decoding: bytes[start..<end], as: UTF8.self)
        return sentence.split(separator: " ", omittingEmptySubsequences: true).joined(
            separator: " ")
    }

    /// Wraps a paragraph keeping its indentation and list bullet, with continuation lines
    /// indented to the text after the bullet.
    static func wrapHanging(_ paragraph: [Span], width: Int) -> [ReaderLine] {
        guard var first = paragraph.first else { return [] }
        let leading = first.text.prefix { $0 == " " }
        var marker = String(leading)
        var rest = first.text.dropFirst(leading.count)
        if rest.hasPrefix("• ") {
            marker += "• "
            rest = rest.dropFirst(2)
        }
        let indent = DisplayWidth.of(marker)
        guard indent > 0, indent < width / 2 else { return wrap(paragraph, width: width) }
        first.text = String(rest)
        let body = (first.text.isEmpty ? [] : [first]) + paragraph.dropFirst()
        let wrapped = wrap(body, width: width - indent)
        return wrapped.enumerated().map { index, line in
            [Span(index == 0 ? marker : String(repeating: " ", count: indent))] + line
        }
    }

    /// Splits spans at line breaks into paragraphs.
    static func splitLines(_ spans: [Span]) -> [[Span]] {
        var paragraphs: [[Span]] = [[]]
        for span in spans {
            let parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 { paragraphs.append([]) }
                if !part.isEmpty {
                    paragraphs[paragraphs.count - 1].append(
                        Span(String(part), span.style, url: span.url))
                }
            }
        }
        return paragraphs
    }

    /// Greedy word wrap by display width; words longer than a line are broken.
    ///
    /// A word is whatever lies between spaces, even when it spans styles, so a link's
    /// number (`GPipe[6]`) never wraps away from its link.
    public static func wrap(_ spans: [Span], width: Int) -> [ReaderLine] {
        guard width > 0 else { return [] }
        // Words as lists of styled fragments; nil stands for a space.
        var words: [[Span]?] = []
        var current: [Span] = []
        for span in spans {
            for piece in pieces(span.text) {
                if piece == " " {
                    if !current.isEmpty { words.append(current) }
                    current = []
                    words.append(nil)
                } else {
                    current.append(Span(piece, span.style, url: span.url))
                }
            }
        }
        if !current.isEmpty { words.append(current) }

        var lines: [ReaderLine] = []
        var line: ReaderLine = []
        var used = 0
        var pendingSpace: Style?
        var pendingURL: String?
        func add(_ text: String, _ style: Style, _ columns: Int, url: String? = nil) {
            if let last = line.last, last.style == style, last.url == url {
                line[line.count - 1].text += text
            } else {
                line.append(Span(text, style, url: url))
            }
            used += columns
        }
        func flush() {
            lines.append(line)
            line = []
            used = 0
            pendingSpace = nil
        }
        for (index, word) in words.enumerated() {
            guard let word else {
                if used > 0 {
                    let previous = index > 0 ? words[index - 1]?.last : nil
                    pendingSpace = previous?.style ?? .normal
                    // A space inside a link belongs to it; one after it does not.
                    let next = index + 1 < words.count ? words[index + 1]?.first : nil
                    pendingURL =
                        previous?.url != nil && previous?.url == next?.url ? previous?.url : nil
                }
                continue
            }
            let columns = word.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let space = pendingSpace == nil ? 0 : 1
            if used + space + columns > width, used > 0 { flush() }
            if let style = pendingSpace, used > 0 {
                add(" ", style == .linkNumber ? .normal : style, 1, url: pendingURL)
            }
            pendingSpace = nil
            pendingURL = nil
            if used + columns <= width {
                for fragment in word {
                    add(
                        fragment.text, fragment.style, DisplayWidth.of(fragment.text),
                        url: fragment.url)
                }
                continue
            }
            for fragment in word {
                for character in fragment.text {
                    let w = DisplayWidth.of(character)
                    if used + w > width, used > 0 { flush() }
                    add(String(character), fragment.style, w, url: fragment.url)
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Words and single spaces.
    private static func pieces(_ text: String) -> [String] {
        var result: [String] = []
        var word = ""
        for character in text {
            if character == " " || character == "\t" {
                if !word.isEmpty { result.append(word) }
                word = ""
                result.append(" ")
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append(word) }
        return result
    }
}
