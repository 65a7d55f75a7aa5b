import QuireCore

/// Draws the status line: where you are, or the latest message; position and help hint.
enum StatusLineView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: .status)
        // The right side, in the order shown; when it takes more than half the line, the
        // least needed parts go first: help, counts, filter, loading, position.
        var parts: [(text: String, keep: Int)] = []
        switch state.focus {
        case .issues: parts.append((position(state.issues.selected, state.count(of: .issues)), 0))
        case .sections:
            parts.append((position(state.sections.selected, state.count(of: .sections)), 0))
        case .links: parts.append((position(state.links.selected, state.count(of: .links)), 0))
        case .reader:
            let total = state.count(of: .reader)
            parts.append(("line \(min(total, state.readerScroll + 1))/\(total)", 0))
        }
        if let loading = state.loading { parts.append((progress(loading, state.glyphs), 1)) }
        if state.filter != .all { parts.append(("[\(state.filter.rawValue)]", 2)) }
        if state.marksLoading {
            // Counts would be wrong until the state file is read.
            parts.append(("reading marks" + state.glyphs.ellipsis, 3))
        } else if let issue = state.currentIssue {
            let counts = state.counts(of: issue)
            parts.append(
                ("\(counts.unread) unread" + (counts.starred > 0 ? " \(counts.starred)★" : ""), 3))
        }
        parts.append(("? help", 4))
        var right = parts.map(\.text).joined(separator: "  ")
        while DisplayWidth.of(right) + 2 > rect.width / 2, parts.count > 1 {
            let least = parts.indices.max { parts[$0].keep < parts[$1].keep }!
            parts.remove(at: least)
            right = parts.map(\.text).joined(separator: "  ")
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

    /// `loading 3,120/10,000 ███░░░░░░░`: files read of how many, with a bar.
    static func progress(_ loading: Loading, _ glyphs: Glyphs) -> String {
        guard let files = loading.files, files > 0 else { return "loading" + glyphs.ellipsis }
        let cells = 10
        let filled = min(cells, loading.filesRead * cells / files)
        return "loading \(grouped(loading.filesRead))/\(grouped(files)) "
            + String(repeating: glyphs.barFilled, count: filled)
            + String(repeating: glyphs.barEmpty, count: cells - filled)
    }

    /// `10,000`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        return digits
    }

    private static func position(_ selected: Int, _ count: Int) -> String {
        count == 0 ? "0/0" : "\(selected + 1)/\(count)"
    }
}
