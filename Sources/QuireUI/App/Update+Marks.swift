import QuireCore

/// `r`, `R`, `s`, `u`, `f`, `n`, `N`, and what the runtime reports about saving.
func updateMarks(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .toggleRead:
        let ids = focusedItems(state)
        guard !ids.isEmpty else { return [] }
        let allRead = ids.allSatisfy { state.marks.isRead($0) }
        return change(&state, ids, read: !allRead, describe: allRead ? "unread" : "read")
    case .markPaneRead:
        let ids = paneItems(state)
        return markRead(&state, ids: ids, what: "everything in \(paneName(state.focus))")
    case .toggleStar:
        guard let id = starTarget(state) else { return [] }
        let starred = state.marks.isStarred(id)
        return change(&state, [id], starred: !starred, describe: starred ? "unstarred" : "starred")
    case .undo:
        // What a step made before the marks were read replaced is not known until then.
        if state.marksLoading, state.undoStack.last?.madeWhileLoading == true {
            state.message = "reading marks… undo once they are read"
            return []
        }
        guard let step = state.undoStack.popLast() else {
            state.message = "nothing to undo"
            return []
        }
        var changes: [ItemID: ItemState] = [:]
        var old: [ItemID: ItemState?] = [:]
        for (id, previous) in step.previous {
            var item = previous ?? ItemState(changed: state.nowSeconds)
            item.changed = state.nowSeconds
            changes[id] = item
            old[id] = .some(state.marks.items[id])
            state.marks.items[id] = item
        }
        state.message = "undid: \(step.description)"
        return save(&state, changes, replacing: old)
    case .cycleFilter:
        state.filter = state.filter.next
        keepSelection(&state) { $0.refreshRows(from: .issues) }
        state.message = "showing \(state.filter.rawValue)"
        return []
    case .nextUnreadOrHit, .previousUnreadOrHit:
        // After a search, n and N step through its hits, as in less and vim.
        if state.lastSearch != nil {
            stepThroughHits(&state, forward: action == .nextUnreadOrHit)
        } else {
            jumpToUnread(&state, forward: action == .nextUnreadOrHit)
        }
        return []
    case .stateSaved(let merged):
        state.marks.merge(merged)
        return []
    case .saveFailed(let reason):
        state.message = "saving failed: \(reason); will retry"
        return []
    case .marksLoaded(let loaded):
        // Marks made before the file was read changed only the marks the keys named: they
        // apply to what the file holds (the saver wrote the same); other items merge
        // newest-wins. Undo steps made meanwhile did not know what they replaced: dropped.
        state.marks.merge(loaded)
        for (id, change) in state.changesWhileLoading {
            state.marks.items[id] = change.applied(to: loaded.items[id])
        }
        state.changesWhileLoading = [:]
        state.undoStack.removeAll { $0.madeWhileLoading }
        state.marksLoading = false
        return []
    case .marksUnavailable(let reason):
        state.marksLoading = false
        state.readOnlyReason = reason
        state.message = "\(reason) — read-only; move it aside or use --state FILE"
        return []
    default:
        return []
    }
}

/// Marks `ids` read as one undoable step; `what` names it in the status line.
func markRead(_ state: inout AppState, ids: [ItemID], what: String?) -> [Effect] {
    let unread = ids.filter { !state.marks.isRead($0) }
    guard !unread.isEmpty else {
        if what != nil { state.message = "already read" }
        return []
    }
    return change(&state, unread, read: true, describe: what.map { "marked \($0) read" })
}

/// Sets marks on `ids`, records the undo step, and asks for a save.
private func change(
    _ state: inout AppState, _ ids: [ItemID], read: Bool? = nil, starred: Bool? = nil,
    describe: String?
) -> [Effect] {
    var previous: [ItemID: ItemState?] = [:]
    var changes: [ItemID: ItemState] = [:]
    for id in Set(ids) {
        let old = state.marks.items[id]
        var item = old ?? ItemState(changed: state.nowSeconds)
        if let read { item.read = read }
        if let starred { item.starred = starred }
        item.changed = state.nowSeconds
        guard item.read != (old?.read ?? false) || item.starred != (old?.starred ?? false) else {
            continue
        }
        previous[id] = .some(old)
        changes[id] = item
        state.marks.items[id] = item
    }
    guard !changes.isEmpty else { return [] }
    let noun = changes.count == 1 ? "1 item" : "\(changes.count) items"
    let text =
        describe.map { $0.hasPrefix("marked") ? $0 : "marked \(noun) \($0)" }
        ?? "marked \(noun) read"
    state.undoStack.append(
        UndoStep(description: text, previous: previous, madeWhileLoading: state.marksLoading))
    if state.undoStack.count > 100 { state.undoStack.removeFirst() }
    state.message = text + " — u undoes"
    return save(&state, changes, replacing: previous)
}

/// Asks for `changes` to be saved, `old` holding what each item had before.
///
/// While the state file is still being read, only the marks that changed are sent, to be
/// applied to what the file holds: the others are not known yet, and must not be
/// overwritten.
private func save(
    _ state: inout AppState, _ changes: [ItemID: ItemState], replacing old: [ItemID: ItemState?]
) -> [Effect] {
    if let reason = state.readOnlyReason {
        state.message = (state.message ?? "") + " (not saved: \(reason))"
        return []
    }
    guard state.marksLoading else { return [.save(changes)] }
    var fields: [ItemID: MarkChange] = [:]
    for (id, item) in changes {
        let change = MarkChange(from: old[id] ?? nil, to: item)
        fields[id] = change
        state.changesWhileLoading[id] = state.changesWhileLoading[id]?.then(change) ?? change
    }
    return [.saveChanges(fields)]
}

/// What `r` toggles: the link, or the section's items, or the issue's.
private func focusedItems(_ state: AppState) -> [ItemID] {
    switch state.focus {
    case .issues: state.currentIssue.map(state.itemIDs(of:)) ?? []
    case .sections, .reader: state.currentSection.map(state.itemIDs(of:)) ?? []
    case .links: state.currentLink.map { [$0.id] } ?? []
    }
}

/// What `R` marks: every row of the focused pane.
private func paneItems(_ state: AppState) -> [ItemID] {
    switch state.focus {
    case .issues: state.issueRows.flatMap { state.itemIDs(of: state.library.issues[$0]) }
    case .sections, .reader:
        state.currentIssue.map { issue in
            state.sectionRows.flatMap { state.itemIDs(of: issue.sections[$0]) }
        } ?? []
    case .links:
        state.currentSection.map { section in state.linkRows.map { section.links.id(at: $0) } }
            ?? []
    }
}

/// What `s` stars: the link, the section, or the issue.
private func starTarget(_ state: AppState) -> ItemID? {
    switch state.focus {
    case .issues: state.currentIssue?.id
    case .sections, .reader: state.currentSection?.id
    case .links: state.currentLink?.id
    }
}

private func paneName(_ pane: Pane) -> String {
    switch pane {
    case .issues: "the issues"
    case .sections, .reader: "the issue"
    case .links: "the section"
    }
}

/// Recomputes rows while keeping the same issue, section and link selected when they
/// are still shown.
private func keepSelection(_ state: inout AppState, _ refresh: (inout AppState) -> Void) {
    let selection = state.selection
    refresh(&state)
    state.select(selection)
}

/// `n` / `N`: the next (or previous) unread reading item in library order, from the
/// cursor, across sections and issues; its section opens with the link selected.
private func jumpToUnread(_ state: inout AppState, forward: Bool) {
    let issues = state.library.issues
    guard !issues.isEmpty else { return }
    // Where the cursor is: on a section without links it is at that section's own item;
    // on a section with links (but not in the links pane), just before its first link.
    let sectionHere = state.focus >= .sections ? (state.currentSectionIndex ?? 0) : -1
    let linkHere: Int
    if state.focus >= .links, let index = state.currentLinkIndex {
        linkHere = index
    } else if state.focus >= .sections, state.currentSection?.links.isEmpty == true {
        linkHere = -1
    } else {
        linkHere = -2
    }
    let here = (state.currentIssueIndex ?? 0, sectionHere, linkHere)
    // Walk positions (issue, section, link; link -1 for a section without links) from the
    // cursor in the chosen direction, stopping at the first unread item.
    func isUnread(_ i: Int, _ s: Int, _ l: Int) -> Bool {
        let section = issues[i].sections[s]
        return !state.marks.isRead(l < 0 ? section.id : section.links.id(at: l))
    }
    var target: (Int, Int, Int)?
    let issueOrder = forward ? Array(here.0..<issues.count) : Array((0...here.0).reversed())
    search: for i in issueOrder {
        let sections = issues[i].sections
        let sectionOrder = forward ? Array(sections.indices) : Array(sections.indices.reversed())
        for s in sectionOrder {
            let section = sections[s]
            let items = section.links.isEmpty ? [-1] : Array(section.links.indices)
            for l in forward ? items : items.reversed() {
                let position = (i, s, l)
                guard forward ? position > here : position < here else { continue }
                if isUnread(i, s, l) {
                    target = position
                    break search
                }
            }
        }
    }
    guard let target else {
        state.message =
            forward ? "no unread items after this one" : "no unread items before this one"
        return
    }
    if state.filter == .starred { state.filter = .all }
    state.select(.init(issue: target.0, section: target.1, link: target.2 < 0 ? nil : target.2))
    state.focus = target.2 < 0 ? .sections : .links
}
