import QuireCore

/// Draws the `/` overlay: the query line with the count, then the ranked hits with their
/// kind and place; the selected hit is highlighted.
enum SearchOverlay {
    static func draw(_ state: AppState, _ search: SearchState, into buffer: inout ScreenBuffer) {
        let size = buffer.size
        let rect = Rect(x: 0, y: 0, width: size.columns, height: max(0, size.rows - 1))
        guard rect.height >= 2, rect.width >= 10 else { return }
        buffer.fill(rect, style: .normal)
        var count =
            search.answered == nil || search.queryIsBlank ? "" : "\(search.matched)/\(search.total)"
        // While the library is read, hits cover only what is read so far: say so.
        if let loading = state.loading {
            count +=
                (count.isEmpty ? "" : " ") + "in \(state.library.issues.count) issues read, "
                + StatusLineView.progress(loading, state.glyphs)
        }
        let pending = search.answered != search.query ? " \(state.glyphs.ellipsis)" : ""
        buffer.fill(Rect(x: 0, y: 0, width: rect.width, height: 1), style: .paneTitleFocused)
        let countText = count + pending + " "
        let room = rect.width - DisplayWidth.of(countText) - 1
        let queryText = "/" + search.query + "▏"
        buffer.put(
            Truncate.toWidth(queryText, room, ellipsis: state.glyphs.ellipsis), x: 1, y: 0,
            maxWidth: room, style: .paneTitleFocused)
        buffer.put(
            countText, x: rect.width - DisplayWidth.of(countText), y: 0,
            maxWidth: DisplayWidth.of(countText), style: .paneTitleFocused)
        let rows = rect.height - 1
        let offset = max(
            0, min(search.selected - rows + 1, search.hits.count - rows, search.selected))
        for row in 0..<rows {
            let index = offset + row
            guard index < search.hits.count else { break }
            let hit = search.hits[index]
            let (text, matched, place) = describe(hit.entry, in: state, pattern: search.pattern)
            let style: Style = index == search.selected ? .selected : .normal
            let y = 1 + row
            buffer.fill(Rect(x: 0, y: y, width: rect.width, height: 1), style: style)
            let kind = hit.entry.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            var x =
                1
                + buffer.put(
                    kind, x: 1, y: y, maxWidth: 8, style: index == search.selected ? style : .dim)
            let textRoom = max(0, (rect.width - x) * 3 / 5)
            // Read and starred marks, as the lists show them, before the text.
            let marker = marks(of: hit.entry, in: state)
            let markerWidth = buffer.put(
                marker, x: x, y: y, maxWidth: textRoom,
                style: index == search.selected ? style : .accent)
            x += markerWidth
            x += putHighlighted(
                text, matched, x: x, y: y,
                width: textRoom - markerWidth, style: style,
                match: index == search.selected ? .matchSelected : .match, state: state,
                into: &buffer)
            x += 2
            guard x < rect.width - 1 else { continue }
            buffer.put(
                Truncate.toWidth(place, rect.width - 1 - x, ellipsis: state.glyphs.ellipsis), x: x,
                y: y,
                maxWidth: rect.width - 1 - x, style: index == search.selected ? style : .dim)
        }
        if search.answered == search.query, search.hits.isEmpty, !search.query.isEmpty {
            buffer.put(" no matches", x: 0, y: 1, maxWidth: rect.width, style: .dim)
        }
    }

    /// Puts `text` cut to `width`, drawing the characters flagged in `matched` in the
    /// `match` style; returns the columns used.
    static func putHighlighted(
        _ text: String, _ matched: [Bool], x: Int, y: Int, width: Int, style: Style,
        match: Style, state: AppState, into buffer: inout ScreenBuffer
    ) -> Int {
        var text = text
        var matched = matched
        // A match past the visible part: start the text just before it, after an ellipsis.
        if let first = matched.firstIndex(of: true) {
            let characters = Array(text)
            let before = DisplayWidth.of(String(characters[..<first]))
            if DisplayWidth.of(text) > width, before > width * 2 / 3 {
                var cut = first
                var kept = 0
                while cut > 0, kept + DisplayWidth.of(characters[cut - 1]) <= width / 4 {
                    cut -= 1
                    kept += DisplayWidth.of(characters[cut])
                }
                text = state.glyphs.ellipsis + String(characters[cut...])
                matched = [false] + Array(matched[cut...])
            }
        }
        let shown = Truncate.toWidth(text, width, ellipsis: state.glyphs.ellipsis)
        let truncated = shown != text
        let characters = Array(shown)
        var used = 0
        var run = ""
        var runMatched = false
        func flush() {
            guard !run.isEmpty else { return }
            used += buffer.put(
                run, x: x + used, y: y, maxWidth: width - used, style: runMatched ? match : style)
            run = ""
        }
        for (index, character) in characters.enumerated() {
            let isEllipsis = truncated && index == characters.count - 1
            let flagged = !isEllipsis && index < matched.count && matched[index]
            if flagged != runMatched {
                flush()
                runMatched = flagged
            }
            run.append(character)
        }
        flush()
        return used
    }

    /// `★ ` when the hit is starred (a section or issue: anything in it), `✓ ` when it is
    /// read (all of it), both, or nothing; `*` and `x` in ASCII.
    static func marks(of entry: SearchIndex.Entry, in state: AppState) -> String {
        let issues = state.library.issues
        guard issues.indices.contains(entry.issue) else { return "" }
        let issue = issues[entry.issue]
        let read: Bool
        let starred: Bool
        switch entry.kind {
        case .link:
            return ListPaneView.marker(entry.id, state)
        case .section:
            guard let s = entry.section, issue.sections.indices.contains(s) else { return "" }
            let counts = state.counts(of: issue.sections[s])
            read = counts.total > 0 && counts.unread == 0
            starred = counts.starred > 0 || state.marks.isStarred(entry.id)
        case .issue:
            let counts = state.counts(of: issue)
            read = counts.total > 0 && counts.unread == 0
            starred = counts.starred > 0 || state.marks.isStarred(entry.id)
        }
        return ListPaneView.marker(read: read, starred: starred, state)
    }

    /// The hit's text with the characters the query matched in it, and where it is
    /// (`issue › section`).
    ///
    /// A link whose text holds none of the query's characters matched on its URL or
    /// tooltip: it is shown with them, so the highlight says why it is there (an issue
    /// found by its show's name likewise).
    static func describe(
        _ entry: SearchIndex.Entry, in state: AppState, pattern: FuzzyQuery
    ) -> (text: String, matched: [Bool], place: String) {
        guard state.library.issues.indices.contains(entry.issue) else { return ("", [], "") }
        let issue = state.library.issues[entry.issue]
        func highlighted(_ text: String) -> (String, [Bool]) {
            (text, FuzzyMatcher.highlights(pattern, in: text))
        }
        /// `text`, or when nothing in it matched, the first of `others` that did after it.
        func shown(_ text: String, _ others: [String?]) -> (String, [Bool]) {
            let plain = highlighted(text)
            guard !pattern.isEmpty, !plain.1.contains(true) else { return plain }
            for other in others.compactMap({ $0 })
            where FuzzyMatcher.highlights(pattern, in: other).contains(true) {
                return highlighted(text.isEmpty ? other : "\(text) · \(other)")
            }
            return plain
        }
        guard let s = entry.section, issue.sections.indices.contains(s) else {
            let (text, matched) = shown(issue.title, [issue.source])
            return (text, matched, issue.kind.rawValue)
        }
        let section = issue.sections[s]
        if let l = entry.link, section.links.indices.contains(l) {
            let link = section.links[l]
            let url = link.url.map { URLParts.hostAndPath($0) }.map { $0.0 + $0.1 }
            var (text, matched) = shown(link.text, [link.title, url])
            if !pattern.isEmpty, !matched.contains(true) {
                // Matched across fields: all of them, as they were searched.
                (text, matched) = highlighted(SearchIndex.searchText(of: link))
            }
            return (text, matched, "\(issue.title) \(state.glyphs.breadcrumb) \(section.title)")
        }
        let (text, matched) = highlighted(section.title)
        return (text, matched, issue.title)
    }
}
