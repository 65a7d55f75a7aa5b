import QuireCore

/// The section the reader shows and the time it started showing it.
public struct ReaderSince: Equatable, Sendable {
    public var section: ItemID
    public var seconds: Int

    public init(section: ItemID, seconds: Int) {
        self.section = section
        self.seconds = seconds
    }
}

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
    /// The page of the help shown (when the keys take more than one screen).
    public internal(set) var helpPage = 0
    /// The keys in force: `update` reads it to page the help, `render` to draw it, the
    /// loop to dispatch.
    public var keymap: Keymap
    /// The `/` overlay, while it is open.
    public var search: SearchState?
    /// The last search gone to with `Enter`: `n` and `N` step through its hits.
    public var lastSearch: LastSearch?
    /// A transient message for the status line (replaced by the next action).
    public var message: String?
    /// The URL schemes `o` and `O` open (the config's `schemes`).
    public var openableSchemes = LinkSafety.openableSchemes
    /// The last press of the mouse on a list item, to tell a double click.
    var lastClick: Click?
    /// Where and when (milliseconds) the mouse last pressed a list item.
    struct Click: Equatable, Sendable {
        var pane: Pane
        var row: Int
        var at: Int
    }
    /// Two presses on one item closer than this (milliseconds) are a double click.
    public static let doubleClickInterval = 400
    /// The reading speed reading times are shown at (the config's `reading-speed`).
    public var wordsPerMinute = ReadingTime.defaultWordsPerMinute
    /// The words of the library's issues and sections, once counted (after loading).
    public var readingTimes = ReadingTimes()

    /// Minutes to read the issue with `id` at `wordsPerMinute`; nil while not counted or
    /// for no text.
    func readingMinutes(ofIssue id: ItemID) -> Int? {
        readingMinutes(readingTimes.words(ofIssue: id))
    }

    /// Minutes to read the section with `id`, as `readingMinutes(ofIssue:)`.
    func readingMinutes(ofSection id: ItemID) -> Int? {
        readingMinutes(readingTimes.words(ofSection: id))
    }

    private func readingMinutes(_ words: Int?) -> Int? {
        guard let words, words > 0 else { return nil }
        return ReadingTime.minutes(words: words, wordsPerMinute: wordsPerMinute)
    }
    /// A question the next key answers (`O`: open every link of the section?).
    public internal(set) var confirmation: Confirmation?
    public var size: Size
    public var glyphs: Glyphs
    /// Read and starred marks.
    public var marks = ReadState()
    /// Which items the lists show.
    public var filter: Filter = .all
    /// Rows of each list, after the filter.
    ///
    /// Indices into the library, the issue's sections and the section's links. Refreshed when the filter or a parent selection changes,
    /// not when an item is marked, so marking never moves the cursor.
    public internal(set) var issueRows: [Int] = []
    public internal(set) var sectionRows: [Int] = []
    public internal(set) var linkRows: [Int] = []
    /// Undo steps, newest last.
    public internal(set) var undoStack: [UndoStep] = []
    /// When marks change: explicitly (`r`), or on opening a section or link.
    public var readPolicy: ReadPolicy = .explicit
    /// Why marks cannot be saved (a state file that could not be read), if so.
    public var readOnlyReason: String?
    /// The state file is still being read (the first frames come before it): the status
    /// line says so instead of counting, and marks fill in when it arrives.
    public var marksLoading = false
    /// The library is still being read (the first frames come before it): files read of
    /// how many (nil while the folders are being listed); nil once it is whole.
    public internal(set) var loading: Loading?
    /// The marks changed while the state file was being read, as changes (later ones
    /// over earlier): applied to the file's marks when they arrive.
    public internal(set) var changesWhileLoading: [ItemID: MarkChange] = [:]
    /// The time marks are stamped with (and the `after:N` read policy counts from), in
    /// seconds since 1970; the runtime sets it before each action, so `update` stays pure.
    public var nowSeconds = 0
    /// A steady clock in milliseconds, set by the runtime before each action (0 in headless
    /// runs): how `update` tells a held key from separate presses.
    public var nowMilliseconds = 0
    /// When the last cursor move in a list came, on `nowMilliseconds`.
    var lastMoveAt: Int?
    /// A key is held down in a list (moves come faster than `Self.heldKeyInterval`): the
    /// previews to the right of the list are left as they are until the cursor rests
    /// (the runtime sends `tick` once no key came for `Self.restInterval`).
    public internal(set) var previewsDeferred = false
    /// Moves closer together than this are a held key.
    public static let heldKeyInterval = 120
    /// How long without a key the cursor must rest for its previews to be drawn.
    public static let restInterval = 60
    /// The section the reader has been showing, and since when.
    public internal(set) var readerSince: ReaderSince?
    /// Links found in several sections, for the reader's "Also in": worked out by the
    /// search engine off the UI thread (`linkPlacesBuilt`); none until then.
    public internal(set) var linkPlaces: LinkPlaces?
    /// The reader's lines as the last `update` left them (see `readerLines`).
    var readerCache: ReaderCache?

    /// A state for `library` on a screen of `size`; with `loading`, the library is still
    /// being read and arrives through `libraryGrew` and `libraryLoaded`.
    public init(
        library: Library, size: Size, glyphs: Glyphs = .unicode, keymap: Keymap = .standard,
        loading: Loading? = nil
    ) {
        self.library = library
        self.keymap = keymap
        self.size = size
        self.glyphs = glyphs
        self.loading = loading
        if loading == nil {
            describeLoad()
            // A library given whole (`quire render`, tests) is counted at once; one being
            // read is counted by the loader once it is whole (`readingTimesCounted`).
            readingTimes = ReadingTimes(library)
        }
        refreshRows(from: .issues)
        normalize()
    }

    /// Says in the status line what went wrong loading the library, if anything.
    mutating func describeLoad() {
        if !library.failures.isEmpty {
            let first = library.failures[0]
            let more = library.failures.count > 1 ? " (and \(library.failures.count - 1) more)" : ""
            message = "could not load \(first)\(more)"
        } else if let first = library.warnings.first {
            let more =
                library.warnings.count > 1 ? " (and \(library.warnings.count - 1) more)" : ""
            message = "\(first)\(more)"
        } else if library.issues.isEmpty {
            message = "no documents to show"
        }
    }

    /// What the reader shows now, wrapped: kept from the last `update` when nothing it
    /// depends on changed since, else worked out.
    public var readerLines: [ReaderLine] {
        if let readerCache, readerCache.key == readerKey { return readerCache.lines }
        return ReaderContent.lines(for: self, width: layout.readerTextWidth)
    }

    /// Everything the reader's lines depend on (the library aside: it only grows at its
    /// end, which moves no selection, or is replaced whole, which clears the cache).
    private var readerKey: ReaderCache.Key {
        ReaderCache.Key(
            showsLink: focus == .links, selection: selection, width: layout.readerTextWidth,
            hasPlaces: linkPlaces != nil)
    }

    /// Works out the reader's lines again when what they depend on changed, once per
    /// action rather than once per use.
    mutating func refreshReader() {
        let key = readerKey
        guard readerCache?.key != key else { return }
        readerCache = ReaderCache(
            key: key, lines: ReaderContent.lines(for: self, width: key.width))
    }

    /// The index in the library of the issue under the cursor.
    public var currentIssueIndex: Int? {
        issueRows.indices.contains(issues.selected) ? issueRows[issues.selected] : nil
    }

    /// The index in its issue of the section under the cursor.
    public var currentSectionIndex: Int? {
        sectionRows.indices.contains(sections.selected) ? sectionRows[sections.selected] : nil
    }

    /// The index in its section of the link under the cursor.
    public var currentLinkIndex: Int? {
        linkRows.indices.contains(links.selected) ? linkRows[links.selected] : nil
    }

    /// The issue under the cursor.
    public var currentIssue: Issue? { currentIssueIndex.map { library.issues[$0] } }

    /// The section under the cursor.
    public var currentSection: Section? {
        guard let issue = currentIssue, let index = currentSectionIndex,
            issue.sections.indices.contains(index)
        else { return nil }
        return issue.sections[index]
    }

    /// The link under the cursor.
    public var currentLink: Link? {
        guard let section = currentSection, let index = currentLinkIndex,
            section.links.indices.contains(index)
        else { return nil }
        return section.links[index]
    }

    /// Recomputes the rows of `pane` and of the lists to its right, for the filter.
    mutating func refreshRows(from pane: Pane) {
        if pane == .issues {
            issueRows = library.issues.indices.filter { matches(issue: library.issues[$0]) }
        }
        if pane <= .sections {
            if let issue = currentIssue {
                sectionRows = issue.sections.indices.filter { matches(section: issue.sections[$0]) }
            } else {
                sectionRows = []
            }
        }
        if pane <= .links {
            if let section = currentSection {
                linkRows = section.links.indices.filter { matches(link: section.links.id(at: $0)) }
            } else {
                linkRows = []
            }
        }
    }

    /// How many rows each list has.
    func count(of pane: Pane) -> Int {
        switch pane {
        case .issues: issueRows.count
        case .sections: sectionRows.count
        case .links: linkRows.count
        case .reader: readerLines.count
        }
    }

    /// Where keys are looked up now, innermost first (see `Keymap.action(for:in:)`).
    public var keyContexts: [KeyContext] {
        if confirmation != nil { return [.confirmation, .global] }
        if showsHelp { return [.help, .global] }
        if search != nil { return [.search, .global] }
        return [focus == .reader ? .reader : .lists, .global]
    }

    /// Where everything goes on the current screen.
    public var layout: Layout { Layout(size: size, focus: focus) }

    /// Keeps every cursor in range and visible, and the reader scroll in range; the
    /// reader's lines are worked out for the cursors as they end up.
    mutating func normalize() {
        refreshReader()
        defer { refreshReader() }
        let plan = layout
        issues.clamp(count: count(of: .issues), visible: plan.visibleRows(.issues))
        sections.clamp(count: count(of: .sections), visible: plan.visibleRows(.sections))
        links.clamp(count: count(of: .links), visible: plan.visibleRows(.links))
        let readerLines = count(of: .reader)
        readerScroll = min(max(0, readerScroll), max(0, readerLines - plan.readerRows))
    }
}

/// How far a library being read has got.
public struct Loading: Equatable, Sendable {
    /// Files read so far.
    public var filesRead: Int
    /// Files in all; nil while the folders are being listed.
    public var files: Int?

    public init(filesRead: Int = 0, files: Int? = nil) {
        self.filesRead = filesRead
        self.files = files
    }
}
