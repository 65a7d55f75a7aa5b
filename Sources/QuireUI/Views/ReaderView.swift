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
        let lines = state.readerLines
        let rows = rect.height - 1
        // On the right of the rule: the section's reading time, and how far down it is.
        var right: [String] = []
        if state.focus != .links || state.currentLink == nil, let section = state.currentSection,
            let minutes = state.readingMinutes(ofSection: section.id)
        {
            right.append(ReadingTime.label(minutes: minutes))
        }
        if lines.count > rows, rows > 0 {
            right.append("\(min(100, (state.readerScroll + rows) * 100 / lines.count))%")
        }
        if !right.isEmpty {
            let position = " " + right.joined(separator: " · ") + " "
            let width = DisplayWidth.of(position)
            if width + 2 <= rect.width / 2 {
                buffer.put(
                    position, x: rect.maxX - width - 1, y: rect.y, maxWidth: width, style: .border)
            }
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
