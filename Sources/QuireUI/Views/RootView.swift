import QuireCore

/// Draws the whole screen for a state: panes, reader, breadcrumb, status line, help.
///
/// Pure: the same state always gives the same buffer.
///
/// While `previewsDeferred` (a key held down in a list), the panes that preview the
/// cursor's item (those to the right of the focused list, the reader and the status line)
/// are taken from `previous`, the frame on the screen, so a held key redraws only the rows
/// that moved and the focused pane's counter.
public func render(_ state: AppState, previous: ScreenBuffer? = nil) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: state.size)
    let layout = state.layout
    if layout.isTooSmall {
        drawTooSmall(state, into: &buffer)
        return buffer
    }
    let kept = state.previewsDeferred ? previous.flatMap { $0.size == state.size ? $0 : nil } : nil
    for (pane, rect) in layout.panes.sorted(by: { $0.key < $1.key }) {
        if let kept, pane > state.focus {
            buffer.copy(rect, from: kept)
            continue
        }
        ListPaneView.draw(
            pane, state: state, in: rect, separator: rect.maxX < state.size.columns, into: &buffer)
    }
    let keepsReader = kept != nil && state.focus != .reader
    if let rect = layout.reader {
        if keepsReader, let kept {
            buffer.copy(rect, from: kept)
        } else {
            ReaderView.draw(state, in: rect, into: &buffer)
        }
    }
    if let rect = layout.breadcrumb {
        if keepsReader, let kept {
            buffer.copy(rect, from: kept)
        } else {
            drawBreadcrumb(state, in: rect, into: &buffer)
        }
    }
    if keepsReader, let kept {
        // The status line is the resting item's too; the focused pane's title counts the
        // moves.
        buffer.copy(layout.status, from: kept)
    } else {
        StatusLineView.draw(state, in: layout.status, into: &buffer)
    }
    if let search = state.search { SearchOverlay.draw(state, search, into: &buffer) }
    if state.showsHelp { HelpOverlay.draw(state, into: &buffer) }
    return buffer
}

private func drawTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
    let note = state.size.columns >= 18 ? "terminal too small" : "too small"
    let y = state.size.rows / 2
    let x = max(0, (state.size.columns - DisplayWidth.of(note)) / 2)
    buffer.put(note, x: x, y: y, maxWidth: state.size.columns - x, style: .statusMessage)
}

private func drawBreadcrumb(_ state: AppState, in rect: Rect, into buffer: inout ScreenBuffer) {
    buffer.fill(rect, style: .title)
    var parts: [String] = []
    if let issue = state.currentIssue { parts.append(issue.title) }
    if state.focus >= .sections, let section = state.currentSection { parts.append(section.title) }
    if state.focus >= .links, state.focus != .reader, let link = state.currentLink {
        parts.append(link.text)
    }
    let text = parts.isEmpty ? "quire" : parts.joined(separator: " \(state.glyphs.breadcrumb) ")
    let clipped = Truncate.toWidth(text, rect.width - 2, ellipsis: state.glyphs.ellipsis)
    buffer.put(clipped, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, style: .title)
}

/// Cuts text to a display width, ending with an ellipsis when cut.
enum Truncate {
    static func toWidth(_ text: String, _ width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let room = width - DisplayWidth.of(ellipsis)
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }
}
