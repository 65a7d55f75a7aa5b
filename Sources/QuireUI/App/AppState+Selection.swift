/// The one way the list cursors move: every key, jump, search and filter change goes
/// through these two functions, so each list's rows always belong to the item selected
/// in the list to its left.
extension AppState {
    /// What the lists have selected, as indices in the library: the issue, its section,
    /// the section's link (nil where a list is empty).
    struct Selection: Equatable, Sendable {
        var issue: Int?
        var section: Int?
        var link: Int?
    }

    /// What the lists have selected now.
    var selection: Selection {
        Selection(issue: currentIssueIndex, section: currentSectionIndex, link: currentLinkIndex)
    }

    /// Puts the cursor of the list `pane` on `row` (kept in range by `normalize`).
    ///
    /// The lists to its right start at their top, with their rows worked out for the new
    /// parent, and the reader goes back to its start. Selecting the row already selected
    /// changes nothing.
    mutating func select(row: Int, in pane: Pane) {
        switch pane {
        case .issues:
            guard row != issues.selected else { return }
            issues.selected = row
            sections = ListCursor()
            links = ListCursor()
            refreshRows(from: .sections)
        case .sections:
            guard row != sections.selected else { return }
            sections.selected = row
            links = ListCursor()
            refreshRows(from: .links)
        case .links:
            guard row != links.selected else { return }
            links.selected = row
        case .reader:
            return
        }
        readerScroll = 0
    }

    /// Puts every list on the item `wanted` names, or on its first row when that is nil or
    /// not shown.
    ///
    /// Rows are worked out again from the issues down: after a new filter, a jump to an
    /// unread item, a search hit gone to or left. A list whose item stays selected keeps
    /// its scroll position; the reader starts at its top when the section or link changed.
    mutating func select(_ wanted: Selection) {
        let before = selection
        refreshRows(from: .issues)
        issues.selected = wanted.issue.flatMap { issueRows.firstIndex(of: $0) } ?? 0
        refreshRows(from: .sections)
        sections.selected = wanted.section.flatMap { sectionRows.firstIndex(of: $0) } ?? 0
        refreshRows(from: .links)
        links.selected = wanted.link.flatMap { linkRows.firstIndex(of: $0) } ?? 0
        let after = selection
        if (before.section, before.link) != (after.section, after.link) { readerScroll = 0 }
    }
}
