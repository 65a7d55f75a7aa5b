import QuireCore

/// Everything the screen shows, as a value: `update` changes it, `render` draws it.
public struct AppState: Equatable, Sendable {
    public var library: Library
    public var focus: Pane = .issues
    public var issues = ListCursor()
    public var sections = ListCursor()
    public var links = ListCursor()
    /// First wrapped line of the reader that is shown.
    public var readerScroll = 0
    public var showsHelp = false
    /// A transient message for the status line (replaced by the next action).
    public var message: String?
    public var size: Size
    public var glyphs: Glyphs
    /// Read and starred marks, as loaded from the state file.
    public var marks = ReadState()

    /// A state for `library` on a screen of `size`.
    public init(library: Library, size: Size, glyphs: Glyphs = .unicode) {
        self.library = library
        self.size = size
        self.glyphs = glyphs
        if !library.failures.isEmpty {
            let first = library.failures[0]
            let more = library.failures.count > 1 ? " (and \(library.failures.count - 1) more)" : ""
            message = "could not load \(first)\(more)"
        } else if library.issues.isEmpty {
            message = "no documents to show"
        }
        normalize()
    }

    /// The issue under the cursor.
    public var currentIssue: Issue? {
        library.issues.indices.contains(issues.selected) ? library.issues[issues.selected] : nil
    }

    /// The section under the cursor.
    public var currentSection: Section? {
        guard let issue = currentIssue, issue.sections.indices.contains(sections.selected) else {
            return nil
        }
        return issue.sections[sections.selected]
    }

    /// The link under the cursor.
    public var currentLink: Link? {
        guard let section = currentSection, section.links.indices.contains(links.selected) else {
            return nil
        }
        return section.links[links.selected]
    }

    /// How many rows each list has.
    func count(of pane: Pane) -> Int {
        switch pane {
        case .issues: library.issues.count
        case .sections: currentIssue?.sections.count ?? 0
        case .links: currentSection?.links.count ?? 0
        case .reader: ReaderContent.lines(for: self, width: layout.readerTextWidth).count
        }
    }

    /// Where everything goes on the current screen.
    public var layout: Layout { Layout(size: size, focus: focus) }

    /// Keeps every cursor in range and visible, and the reader scroll in range.
    mutating func normalize() {
        let plan = layout
        issues.clamp(count: count(of: .issues), visible: plan.visibleRows(.issues))
        sections.clamp(count: count(of: .sections), visible: plan.visibleRows(.sections))
        links.clamp(count: count(of: .links), visible: plan.visibleRows(.links))
        let readerLines = count(of: .reader)
        let readerRows = plan.reader.map { max(1, $0.height - 1) } ?? 1
        readerScroll = min(max(0, readerScroll), max(0, readerLines - readerRows))
    }
}
