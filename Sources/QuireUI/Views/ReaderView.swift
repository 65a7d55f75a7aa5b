import QuireCore

/// Draws the reader: a rule with the section's title, then the wrapped text from the scroll.
enum ReaderView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .reader
        for x in rect.x..<rect.maxX {
            buffer.put(state.glyphs.horizontal, x: x, y: rect.y, maxWidth: 1, style: .border)
        }
        var title = state.currentSection?.title ?? state.currentIssue?.title ?? ""
        if state.focus == .links, state.currentLink != nil { title = "Link" }
        if !title.isEmpty {
            let shown =
                " " + Truncate.toWidth(title, rect.width - 6, ellipsis: state.glyphs.ellipsis) + " "
            buffer.put(
                shown, x: rect.x + 2, y: rect.y, maxWidth: rect.width - 2,
                style: focused ? .paneTitleFocused : .heading)
        }
        let lines = ReaderContent.lines(for: state, width: state.layout.readerTextWidth)
        let rows = rect.height - 1
        if lines.count > rows, rows > 0 {
            let percent =
                lines.count <= rows
                ? 100 : min(100, (state.readerScroll + rows) * 100 / lines.count)
            let position = " \(percent)% "
            buffer.put(
                position, x: rect.maxX - DisplayWidth.of(position) - 1, y: rect.y, maxWidth: 6,
                style: .border)
        }
        for row in 0..<max(0, rows) {
            let index = state.readerScroll + row
            guard index < lines.count else { break }
            var x = rect.x + 1
            for span in lines[index] {
                let used = buffer.put(
                    span.text, x: x, y: rect.y + 1 + row, maxWidth: rect.maxX - 1 - x,
                    style: span.style)
                if let url = span.url { buffer.link(url, x: x, y: rect.y + 1 + row, width: used) }
                x += used
            }
        }
    }
}

/// Draws the status line: where you are, or the latest message; position and help hint.
enum StatusLineView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: .status)
        var hint = "? help"
        if state.marksLoading {
            // Counts would be wrong until the state file is read.
            hint = "reading marks" + state.glyphs.ellipsis + "  " + hint
        } else if let issue = state.currentIssue {
            let counts = state.counts(of: issue)
            hint =
                "\(counts.unread) unread" + (counts.starred > 0 ? " \(counts.starred)★" : "") + "  "
                + hint
        }
        if state.filter != .all { hint = "[\(state.filter.rawValue)]  " + hint }
        var right = hint
        switch state.focus {
        case .issues:
            right = position(state.issues.selected, state.count(of: .issues)) + "  " + hint
        case .sections:
            right = position(state.sections.selected, state.count(of: .sections)) + "  " + hint
        case .links: right = position(state.links.selected, state.count(of: .links)) + "  " + hint
        case .reader:
            let total = state.count(of: .reader)
            right = "line \(min(total, state.readerScroll + 1))/\(total)  " + hint
        }
        let rightWidth = DisplayWidth.of(right)
        let room = rect.width - 2 - (rightWidth + 2 <= rect.width / 2 ? rightWidth + 2 : 0)
        if let message = state.message, DisplayWidth.of(message) > room,
            drawWhole(message, above: rect, into: &buffer)
        {
            return
        } else if let message = state.message {
            let shown = Truncate.toWidth(message, room, ellipsis: state.glyphs.ellipsis)
            buffer.put(shown, x: rect.x + 1, y: rect.y, maxWidth: room, style: .statusMessage)
        } else {
            var parts: [String] = []
            if let issue = state.currentIssue { parts.append(issue.title) }
            if state.focus >= .sections, let section = state.currentSection {
                parts.append(section.title)
            }
            let location = parts.joined(separator: " \(state.glyphs.breadcrumb) ")
            buffer.put(
                Truncate.toWidth(location, room, ellipsis: state.glyphs.ellipsis), x: rect.x + 1,
                y: rect.y,
                maxWidth: room, style: .status)
        }
        if rightWidth + 2 <= rect.width / 2 {
            buffer.put(
                right, x: rect.maxX - rightWidth - 1, y: rect.y, maxWidth: rightWidth,
                style: .status)
        }
    }

    /// A message too long for the status line (a URL that may not have reached the
    /// clipboard, to be selected by hand) on as many full rows as it needs, from column 0,
    /// ending on the status line; false when it would take more than half the screen.
    private static func drawWhole(
        _ message: String, above rect: Rect, into buffer: inout ScreenBuffer
    )
        -> Bool
    {
        var rows: [String] = [""]
        var used = 0
        for character in TerminalText.sanitized(message) {
            let width = DisplayWidth.of(character)
            if used + width > rect.width {
                rows.append("")
                used = 0
            }
            rows[rows.count - 1].append(character)
            used += width
        }
        guard rows.count <= max(1, buffer.size.rows / 2) else { return false }
        for (index, row) in rows.enumerated() {
            let y = rect.y - (rows.count - 1) + index
            buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .statusMessage)
            buffer.put(row, x: rect.x, y: y, maxWidth: rect.width, style: .statusMessage)
        }
        return true
    }

    private static func position(_ selected: Int, _ count: Int) -> String {
        count == 0 ? "0/0" : "\(selected + 1)/\(count)"
    }
}

/// Draws the `?` help: every binding of the keymap, in a box over the screen; in two
/// columns when one does not fit the height.
enum HelpOverlay {
    static func draw(_ keymap: Keymap, glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let size = buffer.size
        let bindings = keymap.bindings
        let keyColumn = bindings.map { DisplayWidth.of(keys($0)) }.max() ?? 10
        let helpColumn = bindings.map { DisplayWidth.of($0.help) }.max() ?? 20
        let fitsOneColumn = bindings.count + 4 <= size.rows - 2
        let columns = fitsOneColumn ? 1 : 2
        let perColumn = (bindings.count + columns - 1) / columns
        let width = min(size.columns - 2, columns * (keyColumn + helpColumn + 4) + 3)
        let height = min(size.rows - 2, perColumn + 4)
        guard width >= 10, height >= 3 else { return }
        let rect = Rect(
            x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height
        )
        buffer.fill(rect, style: .help)
        for x in rect.x..<rect.maxX {
            buffer.put(glyphs.horizontal, x: x, y: rect.y, maxWidth: 1, style: .border)
            buffer.put(glyphs.horizontal, x: x, y: rect.maxY - 1, maxWidth: 1, style: .border)
        }
        buffer.put(
            " Keys — any key closes ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4,
            style: .paneTitleFocused)
        let rows = max(0, height - 4)
        let columnWidth = (rect.width - 3) / columns
        let keyWidth = min(keyColumn, max(4, columnWidth * 2 / 5))
        for (index, binding) in bindings.enumerated() {
            let column = index / max(1, perColumn)
            let row = index % max(1, perColumn)
            guard row < rows, column < columns else { continue }
            let x = rect.x + 2 + column * columnWidth
            let y = rect.y + 2 + row
            buffer.put(keys(binding), x: x, y: y, maxWidth: keyWidth, style: .helpKey)
            let helpX = x + keyWidth + 2
            let room = x + columnWidth - 1 - helpX
            buffer.put(
                Truncate.toWidth(binding.help, room, ellipsis: glyphs.ellipsis), x: helpX, y: y,
                maxWidth: room, style: .help)
        }
        if perColumn > rows {
            buffer.put(
                "\(glyphs.ellipsis) enlarge the terminal to see every key", x: rect.x + 2,
                y: rect.maxY - 2,
                maxWidth: rect.width - 4, style: .dim)
        }
    }

    private static func keys(_ binding: Binding) -> String {
        binding.keys.map(\.description).joined(separator: " ")
    }
}
