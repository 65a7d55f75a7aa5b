import QuireCore

/// The `/` overlay: typing, moving among hits, going to one, or going back.
func updateSearch(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .beginSearch:
        let saved = SearchState.Saved(
            focus: state.focus, selection: state.selection, filter: state.filter)
        state.search = SearchState(returnTo: saved)
        return []
    case .searchInsert(let character):
        guard var search = state.search else { return [] }
        search.query.append(character)
        return requery(&state, &search)
    case .searchDeleteBackward:
        guard var search = state.search, !search.query.isEmpty else { return [] }
        search.query.removeLast()
        return requery(&state, &search)
    case .searchDeleteWord:
        guard var search = state.search, !search.query.isEmpty else { return [] }
        while search.query.last == " " { search.query.removeLast() }
        while let last = search.query.last, last != " " { search.query.removeLast() }
        return requery(&state, &search)
    case .searchClear:
        guard var search = state.search, !search.query.isEmpty else { return [] }
        search.query = ""
        return requery(&state, &search)
    case .searchResults(let generation, let hits, let matched, let total):
        guard var search = state.search, generation == search.generation else { return [] }
        search.hits = hits
        search.matched = matched
        search.total = total
        search.answered = search.query
        search.pattern = SearchIndex.fuzzyPart(of: search.query)
        search.selected = min(search.selected, max(0, hits.count - 1))
        state.search = search
        return []
    case .cancelSearch:
        guard let search = state.search else { return [] }
        let saved = search.returnTo
        state.search = nil
        state.filter = saved.filter
        state.focus = saved.focus
        state.select(saved.selection)
        return []
    case .commitSearch:
        guard let search = state.search else { return [] }
        state.search = nil
        if search.queryIsBlank {
            if state.lastSearch != nil {
                state.lastSearch = nil
                state.message = "search cleared: n and N go to unread items again"
            }
            return []
        }
        guard search.hits.indices.contains(search.selected) else {
            state.message = "no hits for \(search.query)"
            return []
        }
        let last = LastSearch(
            query: search.query, hits: search.hits, matched: search.matched,
            position: search.selected)
        state.lastSearch = last
        go(to: last.hits[last.position].entry, in: &state)
        state.message = describe(last) + " · n/N: next/previous hit; / Enter: clear"
        return []
    default:
        return []
    }
}

/// Moves the selection among hits (`↓`/`↑`, `Ctrl-n`/`Ctrl-p`, page keys).
func moveSearchSelection(_ state: inout AppState, by delta: Int) {
    guard var search = state.search, !search.hits.isEmpty else { return }
    search.selected = min(max(0, search.selected + delta), search.hits.count - 1)
    state.search = search
}

/// Searches the open overlay's query again (the library changed under it).
func requery(_ state: inout AppState) -> [Effect] {
    guard var search = state.search else { return [] }
    return requery(&state, &search)
}

private func requery(_ state: inout AppState, _ search: inout SearchState) -> [Effect] {
    search.generation += 1
    search.selected = 0
    state.search = search
    guard !search.queryIsBlank else {
        state.search?.hits = []
        state.search?.matched = 0
        state.search?.answered = search.query
        return []
    }
    return [.search(query: search.query, generation: search.generation)]
}

/// Goes to the next (or previous) hit of the last search, wrapping around.
func stepThroughHits(_ state: inout AppState, forward: Bool) {
    guard var last = state.lastSearch, !last.hits.isEmpty else { return }
    let count = last.hits.count
    last.position = (last.position + (forward ? 1 : count - 1)) % count
    state.lastSearch = last
    go(to: last.hits[last.position].entry, in: &state)
    state.message = describe(last)
}

/// `hit 3/37 for “diffusion”` (or `3/500 of 2,113` when only the best 500 are kept).
private func describe(_ last: LastSearch) -> String {
    let of =
        last.matched > last.hits.count
        ? "\(last.hits.count) (best of \(last.matched))" : "\(last.hits.count)"
    return "hit \(last.position + 1)/\(of) for “\(last.query)”"
}

/// Puts every pane on an entry: its issue, section and link selected, the reader on it.
private func go(to entry: SearchIndex.Entry, in state: inout AppState) {
    state.filter = .all
    state.select(.init(issue: entry.issue, section: entry.section, link: entry.link))
    switch entry.kind {
    case .issue: state.focus = .issues
    case .section: state.focus = .sections
    case .link: state.focus = .links
    }
}
