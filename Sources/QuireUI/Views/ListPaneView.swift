import QuireCore

/// Draws one of the three list panes: a title row, then its rows with the cursor.
enum ListPaneView {
    static func draw(
        _ pane: Pane, state: AppState, in rect: Rect, separator: Bool,
        into buffer: inout ScreenBuffer
    ) {
        guard !rect.isEmpty else { return }
        let width = separator ? rect.width - 1 : rect.width
        if separator {
            for y in rect.y..<rect.maxY {
                buffer.put(
                    state.glyphs.vertical, x: rect.maxX - 1, y: y, maxWidth: 1, style: .border)
            }
        }
        let focused = state.focus == pane
        let cursor: ListCursor
        let count: Int
        let name: String
        switch pane {
        case .issues: (cursor, count, name) = (state.issues, state.count(of: .issues), "Issues")
        case .sections:
            (cursor, count, name) = (state.sections, state.count(of: .sections), "Sections")
        case .links: (cursor, count, name) = (state.links, state.count(of: .links), "Links")
        case .reader: return
        }
        let titleStyle: Style = focused ? .paneTitleFocused : .paneTitle
        let titleRect = Rect(x: rect.x, y: rect.y, width: width, height: 1)
        buffer.fill(titleRect, style: titleStyle)
        let position = count == 0 ? "0" : "\(cursor.selected + 1)/\(count)"
        let title = " \(name) "
        buffer.put(title, x: rect.x, y: rect.y, maxWidth: width, style: titleStyle)
        let positionWidth = DisplayWidth.of(position) + 1
        if DisplayWidth.of(title) + positionWidth <= width {
            buffer.put(
                position, x: rect.x + width - positionWidth, y: rect.y, maxWidth: positionWidth,
                style: titleStyle)
        }
        let rowHeight = Layout.rowHeight(pane)
        let visible = max(1, (rect.height - 1) / rowHeight)
        if count == 0 {
            let empty = pane == .links ? "no links" : "nothing here"
            buffer.put(" \(empty)", x: rect.x, y: rect.y + 1, maxWidth: width, style: .dim)
            return
        }
        for row in 0..<visible {
            let index = cursor.offset + row
            guard index < count else { break }
            let y = rect.y + 1 + row * rowHeight
            let isSelected = index == cursor.selected
            let style: Style = isSelected ? (focused ? .selected : .selectedUnfocused) : .normal
            switch pane {
            case .issues:
                let issue = state.library.issues[state.issueRows[index]]
                drawRow(
                    left: issue.title, right: "", x: rect.x, y: y, width: width, style: style,
                    state: state, into: &buffer)
                var facts = [issue.kind.rawValue]
                // Reading time next to the kind, where a narrow pane still shows it, then
                // the counts.
                if let minutes = state.readingMinutes(ofIssue: issue.id) {
                    facts.append(ReadingTime.label(minutes: minutes))
                }
                let linkCount = issue.sections.reduce(0) { $0 + $1.links.count }
                let counts = state.counts(of: issue)
                if counts.unread == counts.total {
                    facts.append(linkCount == 1 ? "1 link" : "\(linkCount) links")
                } else {
                    facts.append(
                        counts.unread == 0 ? "all read" : "\(counts.unread)/\(counts.total) unread")
                }
                if counts.starred > 0 {
                    facts.append("\(counts.starred)\(state.glyphs == .ascii ? "*" : "★")")
                }
                // The date last: the list is in date order already.
                if let date = issue.date { facts.append(date) }
                let detailStyle: Style = isSelected ? style : .dim
                if y + 1 < rect.maxY {
                    // The row keeps a column free at each end, and the facts are indented by two.
                    drawRow(
                        left: "  " + fitting(facts, room: width - 4), right: "", x: rect.x,
                        y: y + 1,
                        width: width,
                        style: detailStyle, state: state, into: &buffer)
                }
            case .sections:
                guard let issue = state.currentIssue else { return }
                let section = issue.sections[state.sectionRows[index]]
                let base = issue.sections.map(\.level).min() ?? 1
                var left = String(repeating: " ", count: 2 * min(3, max(0, section.level - base)))
                if let start = section.start { left += QuireCore.Timestamp.format(start) + " " }
                if let byline = PostByline.text(of: section, style: .short) {
                    left += byline
                } else {
                    left += section.title.isEmpty ? "(untitled)" : section.title
                }
                let counts = state.counts(of: section)
                let star =
                    counts.starred > 0 || state.marks.isStarred(section.id)
                    ? (state.glyphs == .ascii ? "*" : "★") : ""
                // Reading time, but not for a chapter: it shows when it plays instead.
                let time =
                    section.start == nil
                    ? state.readingMinutes(ofSection: section.id).map(ReadingTime.shortLabel)
                        ?? "" : ""
                let marks: String
                if section.links.isEmpty {
                    marks = star + (counts.unread == 0 ? (state.glyphs == .ascii ? "x" : "✓") : "")
                } else {
                    marks =
                        star
                        + (counts.unread == 0
                            ? "\(counts.total) " + (state.glyphs == .ascii ? "x" : "✓")
                            : "\(counts.unread)/\(counts.total)")
                }
                let right = [time, marks].filter { !$0.isEmpty }.joined(separator: " ")
                drawRow(
                    left: left, right: right, x: rect.x, y: y, width: width, style: style,
                    state: state, into: &buffer)
            case .links:
                guard let section = state.currentSection else { return }
                let link = section.links[state.linkRows[index]]
                drawRow(
                    left: marker(link.id, state) + link.text,
                    right: URLParts.host(of: link.url) ?? "no link", x: rect.x,
                    y: y, width: width,
                    style: style,
                    state: state, into: &buffer,
                    rightLinksTo: LinkSafety.refusal(toOpen: link.url) == nil ? link.url : nil)
            case .reader:
                return
            }
        }
    }

    /// One row: `left` from the left edge, `right` against the right edge, a space between;
    /// `right` is a hyperlink to `rightLinksTo` when given (a link's host).
    static func drawRow(
        left: String, right: String, x: Int, y: Int, width: Int, style: Style, state: AppState,
        into buffer: inout ScreenBuffer, rightLinksTo url: String? = nil
    ) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let rightWidth = right.isEmpty ? 0 : min(DisplayWidth.of(right) + 1, max(0, width / 2))
        let leftRoom = max(0, width - 2 - rightWidth)
        let clipped = Truncate.toWidth(left, leftRoom, ellipsis: state.glyphs.ellipsis)
        buffer.put(clipped, x: x + 1, y: y, maxWidth: leftRoom, style: style)
        if rightWidth > 0 {
            let shown = Truncate.toWidth(right, rightWidth - 1, ellipsis: state.glyphs.ellipsis)
            let rightStyle: Style = style == .normal ? .dim : style
            let start = x + width - DisplayWidth.of(shown) - 1
            let used = buffer.put(shown, x: start, y: y, maxWidth: rightWidth, style: rightStyle)
            if let url { buffer.link(url, x: start, y: y, width: used) }
        }
    }

    /// `facts` joined by ` · `, as many as fit in `room` columns.
    ///
    /// The first that does not fit whole ends the text, cut by the row, when four columns
    /// of it show (`124 li…`); with less it is left out rather than shown as a bare
    /// ellipsis. The first fact is always there.
    static func fitting(_ facts: [String], room: Int) -> String {
        guard var text = facts.first else { return "" }
        var used = DisplayWidth.of(text)
        for fact in facts.dropFirst() {
            let width = DisplayWidth.of(fact) + 3
            guard used + width <= room else {
                if room - used - 3 >= 4 { text += " · " + fact }
                break
            }
            text += " · " + fact
            used += width
        }
        return text
    }

    /// `✓ ` for a read item, `★ ` for a starred one (`x`/`*` in ASCII), else nothing.
    static func marker(_ id: ItemID, _ state: AppState) -> String {
        marker(read: state.marks.isRead(id), starred: state.marks.isStarred(id), state)
    }

    /// The same marker for marks worked out by the caller (a section's or issue's).
    static func marker(read: Bool, starred: Bool, _ state: AppState) -> String {
        guard read || starred else { return "" }
        let ascii = state.glyphs == .ascii
        return (starred ? (ascii ? "*" : "★") : "") + (read ? (ascii ? "x" : "✓") : "") + " "
    }
}
