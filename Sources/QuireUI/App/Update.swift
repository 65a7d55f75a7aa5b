/// Applies an action to the state and returns the effects for the runtime.
///
/// Pure: no terminal, no clock, no I/O. Scroll offsets are worked out here from the last
/// size, so `render` only draws.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .tick, .stateSaved, .resize, .searchResults, .linkReport, .marksLoaded,
        .linkPlacesBuilt, .libraryGrew, .libraryLoaded, .libraryReloaded, .watchReport,
        .readingTimesCounted:
        break  // not the user's doing: the message stays
    default:
        state.message = nil
    }
    var effects: [Effect] = []
    deferPreviews(&state, for: action)
    switch action {
    case .moveDown: move(&state, by: 1)
    case .moveUp: move(&state, by: -1)
    case .top: move(&state, by: Int.min / 2)
    case .bottom: move(&state, by: Int.max / 2)
    case .pageDown: move(&state, by: page(state))
    case .pageUp: move(&state, by: -page(state))
    case .halfPageDown: move(&state, by: max(1, page(state) / 2))
    case .halfPageUp: move(&state, by: -max(1, page(state) / 2))
    case .focusNext: focusNext(&state)
    case .focusPrevious:
        if let previous = state.focus.previous { state.focus = previous }
    case .open: effects += open(&state)
    case .pageReader: effects += pageReader(&state)
    case .toggleRead, .markPaneRead, .toggleStar, .undo, .cycleFilter, .nextUnreadOrHit,
        .previousUnreadOrHit,
        .stateSaved, .saveFailed, .marksLoaded, .marksUnavailable:
        effects += updateMarks(&state, action)
    case .beginSearch, .searchInsert, .searchDeleteBackward, .searchDeleteWord, .searchClear,
        .commitSearch, .cancelSearch, .searchResults:
        effects += updateSearch(&state, action)
    case .tick:
        if case .afterSeconds(let seconds) = state.readPolicy, let since = state.readerSince,
            state.nowSeconds - since.seconds >= seconds, let section = state.currentSection,
            section.id == since.section, state.counts(of: section).unread > 0
        {
            let ids =
                section.links.isEmpty
                ? [section.id] : (0..<section.links.count).map { section.links.id(at: $0) }
            effects += markRead(&state, ids: ids, what: nil)
        }
    case .openLink, .openSectionLinks, .confirm, .cancelConfirmation, .copyURL, .copyMarkdownLink,
        .linkReport:
        effects += updateLinks(&state, action)
    case .libraryGrew, .libraryLoaded, .reload, .libraryReloaded, .watchReport:
        effects += updateLoading(&state, action)
    case .selectHit(let delta): moveSearchSelection(&state, by: delta)
    case .linkPlacesBuilt(let places): state.linkPlaces = places
    case .readingTimesCounted(let times): state.readingTimes = times
    case .redraw: effects.append(.redrawAll)
    case .toggleHelp:
        state.showsHelp.toggle()
        state.helpPage = 0
    case .closeHelp:
        state.showsHelp = false
        state.helpPage = 0
    case .helpPage(let delta):
        // Paging past either end closes the help, as a pager does.
        let page = state.helpPage + delta
        if page < 0 || page >= HelpOverlay.pageCount(state.keymap, size: state.size) {
            state.showsHelp = false
            state.helpPage = 0
        } else {
            state.helpPage = page
        }
    case .unboundKey(let key):
        state.message = "\(key) is not bound; ? lists the keys"
    case .mouse(let event): effects += mouse(&state, event)
    case .back:
        if let previous = state.focus.previous {
            state.focus = previous
        } else {
            effects.append(.quit)
        }
    case .resize(let size):
        state.size = size
    }
    state.normalize()
    trackReader(&state)
    return effects
}

/// Holds the previews back while a key is held in a list: a move that comes within
/// `AppState.heldKeyInterval` of the one before; anything else (the cursor resting, which
/// the runtime reports as `tick`) draws them.
private func deferPreviews(_ state: inout AppState, for action: Action) {
    switch action {
    case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp:
        guard state.focus != .reader, state.nowMilliseconds > 0 else { return }
        if let last = state.lastMoveAt, state.nowMilliseconds - last < AppState.heldKeyInterval {
            state.previewsDeferred = true
        }
        state.lastMoveAt = state.nowMilliseconds
    case .searchResults, .stateSaved, .linkPlacesBuilt, .libraryGrew, .marksLoaded:
        break  // not the user's doing, and not the cursor resting
    case .tick:
        // The loop also wakes for reports: only a pause as long as the rest interval is
        // the cursor resting.
        if let last = state.lastMoveAt, state.nowMilliseconds - last < AppState.restInterval {
            return
        }
        state.previewsDeferred = false
        state.lastMoveAt = nil
    default:
        state.previewsDeferred = false
        state.lastMoveAt = nil
    }
}

/// Notes when the reader starts showing a section, for the `after:N` read policy.
private func trackReader(_ state: inout AppState) {
    guard state.focus == .reader, let section = state.currentSection else {
        state.readerSince = nil
        return
    }
    if state.readerSince?.section != section.id {
        state.readerSince = ReaderSince(section: section.id, seconds: state.nowSeconds)
    }
}

/// Rows the focused pane shows: what a page moves.
private func page(_ state: AppState) -> Int {
    if state.focus == .reader { return state.layout.readerPage }
    return max(1, state.layout.visibleRows(state.focus))
}

/// Moves the focused pane's cursor (or the reader) by `delta`, clamped; a new issue or
/// section starts its children at the top.
private func move(_ state: inout AppState, by delta: Int) {
    func shifted(_ value: Int, _ count: Int) -> Int {
        let target =
            delta > 0
            ? (value > Int.max - delta ? Int.max : value + delta) : max(Int.min / 2, value + delta)
        return min(max(0, target), max(0, count - 1))
    }
    let pane = state.focus
    switch pane {
    case .issues, .sections, .links:
        let cursor =
            pane == .issues ? state.issues : pane == .sections ? state.sections : state.links
        state.select(row: shifted(cursor.selected, state.count(of: pane)), in: pane)
    case .reader:
        let lines = state.count(of: .reader)
        state.readerScroll = min(
            max(0, shifted(state.readerScroll, lines)), max(0, lines - state.layout.readerRows))
    }
}

/// Moves focus right, skipping an empty links pane (a chapter or post without links).
private func focusNext(_ state: inout AppState) {
    guard var next = state.focus.next else { return }
    if next == .links, state.count(of: .links) == 0 { next = .reader }
    if next == .reader { state.readerScroll = 0 }
    state.focus = next
}

/// Enter: an issue opens its sections, a section or link opens in the reader (and, with
/// the `open` read policy, is marked read).
private func open(_ state: inout AppState) -> [Effect] {
    switch state.focus {
    case .issues:
        if state.count(of: .sections) > 0 { state.focus = .sections }
        return []
    case .sections, .links:
        guard let section = state.currentSection else { return [] }
        var ids = state.itemIDs(of: section)
        if state.focus == .links, let link = state.currentLink { ids = [link.id] }
        state.focus = .reader
        state.readerScroll = 0
        return state.readPolicy == .open ? markRead(&state, ids: ids, what: nil) : []
    case .reader:
        return []
    }
}

/// Space: a page further in the reader; at the end, mark the section read and go on to
/// the next one from its top.
private func pageReader(_ state: inout AppState) -> [Effect] {
    if state.focus != .reader {
        state.focus = .reader
        state.readerScroll = 0
        return []
    }
    let lines = state.count(of: .reader)
    if state.readerScroll + state.layout.readerRows < lines {
        state.readerScroll += state.layout.readerPage
        return []
    }
    let effects = markRead(
        &state, ids: state.currentSection.map(state.itemIDs(of:)) ?? [], what: nil)
    if state.sections.selected + 1 < state.count(of: .sections) {
        state.select(row: state.sections.selected + 1, in: .sections)
    } else if state.issues.selected + 1 < state.count(of: .issues) {
        state.select(row: state.issues.selected + 1, in: .issues)
    } else {
        state.message = "end of the library"
    }
    return effects
}

/// A mouse press or wheel notch.
///
/// A press selects and focuses what is under it (a pane's title row focuses the pane); a
/// second press on the same item within `AppState.doubleClickInterval` opens it, as
/// `Enter` does; the wheel moves the list under the pointer three rows, or scrolls the
/// reader. Over the help a press closes it; over the search overlay the wheel moves
/// through the hits; a question on the status line takes a press as no.
private func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    let notches = event.button == .wheelUp ? -3 : 3
    if state.showsHelp {
        if event.button == .left {
            state.showsHelp = false
            state.helpPage = 0
        }
        return []
    }
    if state.search != nil {
        if event.button != .left { moveSearchSelection(&state, by: notches) }
        return []
    }
    if state.confirmation != nil { return updateLinks(&state, .cancelConfirmation) }
    let layout = state.layout
    if let (pane, rect) = layout.panes.first(where: { $0.value.contains(x: event.x, y: event.y) }) {
        if event.button != .left {
            state.focus = pane
            move(&state, by: notches)
            state.lastClick = nil
            return []
        }
        state.focus = pane
        let row = event.y - rect.y - 1
        let cursor =
            pane == .issues ? state.issues : pane == .sections ? state.sections : state.links
        let index = cursor.offset + max(0, row) / Layout.rowHeight(pane)
        guard row >= 0, index < state.count(of: pane) else {
            state.lastClick = nil
            return []
        }
        let click = AppState.Click(pane: pane, row: index, at: state.nowMilliseconds)
        let isDouble =
            state.lastClick.map {
                $0.pane == pane && $0.row == index
                    && click.at - $0.at <= AppState.doubleClickInterval
            } ?? false
        state.select(row: index, in: pane)
        if isDouble {
            state.lastClick = nil
            return open(&state)
        }
        state.lastClick = click
        return []
    }
    state.lastClick = nil
    if let reader = layout.reader, reader.contains(x: event.x, y: event.y) {
        if event.button == .left {
            if state.currentSection != nil || state.currentIssue != nil { state.focus = .reader }
        } else {
            let lines = state.count(of: .reader)
            state.readerScroll = min(
                max(0, state.readerScroll + notches), max(0, lines - layout.readerRows))
        }
    }
    return []
}
