import QuireCore

/// Applies what a library being read sends: issues added at the end as files are read,
/// then the whole library.
///
/// Neither moves a cursor off its item: added issues come after every row shown, and the
/// whole library puts each list back on the issue, section and link it had (by id).
func updateLoading(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .libraryGrew(let progress):
        state.loading = Loading(filesRead: progress.filesRead, files: progress.files)
        guard !progress.issues.isEmpty else { return [] }
        let start = state.library.issues.count
        state.library.issues += progress.issues
        state.appendIssueRows(from: start)
        var effects: [Effect] = [.libraryChanged(complete: false)]
        // An open search covers what is read now, unless the user is among its hits.
        if let search = state.search, search.selected == 0, !search.queryIsBlank {
            effects += requery(&state)
        }
        return effects
    case .libraryLoaded(let library):
        state.loading = nil
        let effects = replace(&state, with: library)
        state.describeLoad()
        return effects
    case .reload:
        guard state.loading == nil else {
            state.message = "still reading the library"
            return []
        }
        state.message = "reading the library again…"
        return [.reloadLibrary]
    case .libraryReloaded(let library, let change, let manual):
        guard state.loading == nil else { return [] }
        if change.isEmpty, library.failures.count == state.library.failures.count {
            if manual { state.message = "the library is unchanged" }
            return []
        }
        let effects = replace(&state, with: library)
        state.message = change.isEmpty ? nil : change.description
        if !library.failures.isEmpty { state.describeLoad() }
        return effects
    case .watchReport(let report):
        state.message = report
        return []
    default:
        return []
    }
}

/// Puts `library` in place of the one shown, each list back on the issue, section and
/// link it had (by id).
private func replace(_ state: inout AppState, with library: Library) -> [Effect] {
    let kept = (
        issue: state.currentIssue?.id, section: state.currentSection?.id,
        link: state.currentLink?.id
    )
    state.library = library
    state.readerCache = nil
    state.linkPlaces = nil
    state.select(state.selection(of: kept))
    var effects: [Effect] = [.libraryChanged(complete: true)]
    // Hits point into the library by position: ask again.
    if state.search != nil { effects += requery(&state) }
    return effects
}

extension AppState {
    /// Adds the rows of the issues from `start` on (those the filter shows), after the
    /// rows there are; the first issue to arrive gets its sections listed.
    mutating func appendIssueRows(from start: Int) {
        let wasEmpty = issueRows.isEmpty
        issueRows += (start..<library.issues.count).filter { matches(issue: library.issues[$0]) }
        if wasEmpty, !issueRows.isEmpty { refreshRows(from: .sections) }
    }

    /// Where the issue, section and link with these ids are in the library, as far as
    /// they are found.
    func selection(of ids: (issue: ItemID?, section: ItemID?, link: ItemID?)) -> Selection {
        guard let issueID = ids.issue,
            let issue = library.issues.firstIndex(where: { $0.id == issueID })
        else { return Selection() }
        let sections = library.issues[issue].sections
        guard let sectionID = ids.section,
            let section = sections.firstIndex(where: { $0.id == sectionID })
        else { return Selection(issue: issue) }
        let links = sections[section].links
        let link = ids.link.flatMap { id in links.indices.first { links.id(at: $0) == id } }
        return Selection(issue: issue, section: section, link: link)
    }
}
