import QuireCore

/// What the user asked for, or what happened; `update` applies it.
public enum Action: Equatable, Sendable {
    case moveDown, moveUp, top, bottom
    case pageDown, pageUp, halfPageDown, halfPageUp
    case focusNext, focusPrevious
    case open
    case pageReader
    case redraw
    case toggleHelp
    /// In the help: show the page `by` pages on; paging past either end closes the help.
    case helpPage(by: Int), closeHelp
    /// A key no row of the keymap takes where it was pressed.
    case unboundKey(Key)
    /// A mouse button or wheel at a cell.
    case mouse(MouseEvent)
    case back
    case resize(Size)
    case toggleRead, markPaneRead, toggleStar, undo, cycleFilter, nextUnreadOrHit,
        previousUnreadOrHit
    /// Time passed with no key (the loop sends it about four times a second).
    case tick
    case beginSearch, searchInsert(Character), searchDeleteBackward, commitSearch, cancelSearch
    /// In the search line: delete the last word (`Ctrl-w`), or everything (`Ctrl-u`).
    case searchDeleteWord, searchClear
    /// In the search line: move the selection `by` hits (clamped to the first and last).
    case selectHit(by: Int)
    /// Where each link of the library appears, worked out off the UI thread at start.
    case linkPlacesBuilt(LinkPlaces)
    /// Hits for the query of `generation` (older generations are dropped).
    case searchResults(generation: Int, hits: [SearchIndex.Hit], matched: Int, total: Int)
    /// The runtime saved the marks; `merged` includes what another instance wrote.
    case stateSaved(merged: ReadState)
    /// The runtime could not save; the marks stay in memory and saving is retried.
    case saveFailed(String)
    /// The state file, read after the first frame; merged with marks made meanwhile.
    case marksLoaded(ReadState)
    /// The state file could not be read: quire runs read-only, and says why.
    case marksUnavailable(String)
    /// `o`: open the link under the cursor (or the selected search hit) in the browser.
    case openLink
    /// `O`: open every link of the section, once confirmed.
    case openSectionLinks
    /// The answer to a question on the status line: yes, or anything else.
    case confirm, cancelConfirmation
    /// `y`: copy the URL; `Y`: copy a Markdown link `[text](url)` (OSC 52).
    case copyURL, copyMarkdownLink
    /// What the runtime has to say about opening or copying (a browser that failed).
    case linkReport(String)
    /// More of the library was read while the reader runs: issues to add at the end of
    /// the list, and how many files are read of how many.
    case libraryGrew(LoadProgress)
    /// The library is read whole (email and identity collisions settled): it replaces
    /// what was shown, every cursor staying on its item.
    case libraryLoaded(Library)
    /// `Ctrl-R`: read the library's files again.
    case reload
    /// The library read again, because its files changed or `manual`ly (`reload`): it
    /// replaces what was shown, every cursor on its item, and the status line says what
    /// changed.
    case libraryReloaded(Library, LibraryChange, manual: Bool)
    /// What the runtime has to say about following the library's folders (a watch that
    /// could not be set).
    case watchReport(String)
    /// The words of the library's issues and sections, counted after it was read.
    case readingTimesCounted(ReadingTimes)
}

/// Work for the runtime, returned by `update` as data so tests can compare it.
public enum Effect: Equatable, Sendable {
    /// Leave the app (restore the terminal first).
    case quit
    /// Repaint every cell, not only the ones that changed.
    case redrawAll
    /// Make these marks durable (merged into the state file).
    case save([ItemID: ItemState])
    /// Make these changes durable, each applied to the marks the file holds for its item:
    /// marks made before the state file was read, whose other marks are not known yet.
    case saveChanges([ItemID: MarkChange])
    /// Search for `query`; results come back as `searchResults`.
    case search(query: String, generation: Int)
    /// Start the browser on `url` (already checked by `LinkSafety`).
    case openURL(String)
    /// Put `text` on the clipboard of the user's terminal; `what` names it in messages.
    case copy(String, what: String)
    /// The library changed (more was read, or it is whole): the search engine indexes
    /// it again (and, once it is whole, where each link appears).
    case libraryChanged(complete: Bool)
    /// Read the library's files again (`libraryReloaded` follows).
    case reloadLibrary
}
