import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("update: marks, filters and undo")
struct UpdateMarksTests {
    func state() -> AppState {
        var s = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        s.nowSeconds = StateClock.seconds(iso: "2026-11-24T10:00:00Z")!
        return s
    }

    func apply(_ actions: [Action], to state: inout AppState) -> [Effect] {
        actions.flatMap { update(&state, $0) }
    }

    /// The saves among `effects`, merged.
    func saved(_ effects: [Effect]) -> [ItemID: ItemState] {
        var all: [ItemID: ItemState] = [:]
        for case .save(let changes) in effects { all.merge(changes) { $1 } }
        return all
    }

    @Test func rTogglesALinkAndUUndoesIt() throws {
        var s = state()
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext, .moveDown], to: &s)
        let link = try #require(s.currentLink)
        let marked = apply([.toggleRead], to: &s)
        #expect(saved(marked)[link.id]?.read == true)
        #expect(saved(marked)[link.id]?.changed == StateClock.seconds(iso: "2026-11-24T10:00:00Z"))
        #expect(s.marks.isRead(link.id))
        #expect(s.message == "marked 1 item read — u undoes")
        s.nowSeconds = StateClock.seconds(iso: "2026-11-24T10:00:05Z")!
        let undone = apply([.undo], to: &s)
        #expect(!s.marks.isRead(link.id))
        #expect(
            saved(undone)[link.id]
                == ItemState(
                    read: false, starred: false,
                    changed: StateClock.seconds(iso: "2026-11-24T10:00:05Z")!))
        #expect(s.message == "undid: marked 1 item read")
        _ = apply([.undo], to: &s)
        #expect(s.message == "nothing to undo")
    }

    @Test func bigRMarksThePaneAsOneUndoableStep() throws {
        var s = state()
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext], to: &s)
        let effects = apply([.markPaneRead], to: &s)
        #expect(saved(effects).count == 45)
        #expect(s.currentSection.map { s.counts(of: $0).unread } == 0)
        _ = apply([.undo], to: &s)
        #expect(s.currentSection.map { s.counts(of: $0).unread } == 45)
    }

    @Test func aChapterWithoutLinksCarriesItsOwnMark() throws {
        var s = state()
        _ = apply([.moveDown, .focusNext, .moveDown], to: &s)
        let chapter = try #require(s.currentSection)
        #expect(chapter.links.isEmpty)
        let effects = apply([.toggleRead], to: &s)
        #expect(Array(saved(effects).keys) == [chapter.id])
        #expect(s.counts(of: chapter).unread == 0)
    }

    @Test func readingAnIssueMarksAllItsItemsAndSpaceMarksASectionAtItsEnd() throws {
        var s = state()
        _ = apply([.moveDown, .moveDown, .toggleRead], to: &s)
        let thread = try #require(s.currentIssue)
        #expect(s.counts(of: thread).unread == 0)
        var t = state()
        _ = apply([.moveDown, .moveDown, .focusNext, .moveDown, .moveDown, .moveDown], to: &t)
        let post = try #require(t.currentSection)
        #expect(post.title == "This is very cool!")
        let effects = apply([.pageReader, .pageReader], to: &t)
        #expect(saved(effects).keys.contains(post.id))
        #expect(t.currentSection?.title == "Zero-Shot Text-to-Image Generation (DALL-E paper)")
    }

    @Test func sStarsAndTheStarredFilterShowsOnlyStarredItems() throws {
        var s = state()
        _ = apply(
            [.focusNext, .moveDown, .moveDown, .moveDown, .focusNext, .moveDown, .toggleStar],
            to: &s)
        let link = try #require(s.currentLink)
        #expect(s.marks.isStarred(link.id))
        _ = apply([.cycleFilter], to: &s)
        #expect(s.filter == .unread)
        _ = apply([.cycleFilter], to: &s)
        #expect(s.filter == .starred)
        #expect(s.issueRows == [0])
        #expect(s.count(ofLinks: ()) == 1)
        #expect(s.currentLink?.id == link.id)
        _ = apply([.cycleFilter], to: &s)
        #expect(s.filter == .all)
        #expect(s.currentLink?.id == link.id)
    }

    @Test func theUnreadFilterHidesWhatIsRead() throws {
        var s = state()
        _ = apply([.moveDown, .moveDown, .toggleRead, .moveUp, .moveUp, .cycleFilter], to: &s)
        #expect(s.issueRows == [0, 1])
        _ = apply(
            [
                .focusNext, .moveDown, .focusNext, .markPaneRead, .focusPrevious, .cycleFilter,
                .cycleFilter, .cycleFilter,
            ], to: &s)
        #expect(s.filter == .unread)
        #expect(!s.sectionRows.contains(1))
    }

    @Test func nJumpsToTheNextUnreadItemAcrossSectionsAndIssues() throws {
        var s = state()
        _ = apply([.focusNext, .moveDown, .focusNext, .markPaneRead], to: &s)  // 1 Writings read
        _ = apply([.focusPrevious, .moveUp, .focusNext, .markPaneRead], to: &s)  // the intro read
        _ = apply([.focusPrevious, .focusPrevious, .top, .nextUnreadOrHit], to: &s)
        #expect(s.currentSection?.title == "2 Links")
        #expect(s.focus == .sections)
        _ = apply([.nextUnreadOrHit], to: &s)
        #expect(s.currentSection?.title == "2.1 AI")
        #expect(s.currentLink?.text == "Matters Of Scale")
        _ = apply([.previousUnreadOrHit], to: &s)
        #expect(s.currentSection?.title == "2 Links")
    }

    @Test func aReadOnlyStateMarksInMemoryAndSaysItDidNotSave() {
        var s = state()
        s.readOnlyReason = "state.json:2:14: not valid JSON"
        let effects = apply([.toggleRead], to: &s)
        #expect(saved(effects).isEmpty)
        #expect(s.message?.contains("not saved: state.json:2:14: not valid JSON") == true)
    }

    @Test func theOpenReadPolicyMarksWhatEnterOpens() throws {
        var s = state()
        s.readPolicy = .open
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext], to: &s)
        let link = try #require(s.currentLink)
        let effects = apply([.open], to: &s)
        #expect(saved(effects)[link.id]?.read == true)
        var explicit = state()
        #expect(saved(apply([.focusNext, .open], to: &explicit)).isEmpty)
    }

    @Test func marksSavedByAnotherInstanceArrive() {
        var s = state()
        let other = ItemID(namespace: "other", key: "x")
        _ = apply(
            [
                .stateSaved(
                    merged: ReadState(items: [
                        other: ItemState(
                            read: true, changed: StateClock.seconds(iso: "2030-01-01T00:00:00Z")!)
                    ]))
            ], to: &s)
        #expect(s.marks.isRead(other))
        _ = apply([.saveFailed("disk full")], to: &s)
        #expect(s.message == "saving failed: disk full; will retry")
    }

    @Test func marksReadAfterTheFirstFrameMergeWithMarksMadeMeanwhile() throws {
        var s = state()
        s.marksLoading = true
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext], to: &s)
        let first = try #require(s.currentLink)
        s.nowSeconds = 2_000
        // Before the file arrives: only the mark the key changed is sent.
        #expect(
            apply([.toggleRead], to: &s) == [
                .saveChanges([first.id: MarkChange(read: true, changed: 2_000)])
            ])
        _ = apply([.moveDown], to: &s)
        let second = try #require(s.currentLink)
        _ = apply(
            [
                .marksLoaded(
                    ReadState(items: [
                        first.id: ItemState(read: false, starred: true, changed: 1_000),
                        second.id: ItemState(starred: true, changed: 1_500),
                    ]))
            ], to: &s)
        #expect(!s.marksLoading)
        // The key's mark applies to the file's: the star it did not touch stays; the
        // file's marks on other items appear.
        #expect(s.marks.isRead(first.id) && s.marks.isStarred(first.id))
        #expect(s.marks.isStarred(second.id))
        #expect(s.changesWhileLoading.isEmpty)
    }

    @Test func undoWaitsForTheMarksAndForgetsStepsThatCouldNotKnowWhatTheyReplaced() throws {
        var s = state()
        s.marksLoading = true
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext], to: &s)
        let link = try #require(s.currentLink)
        _ = apply([.toggleStar], to: &s)
        #expect(apply([.undo], to: &s).isEmpty)
        #expect(s.message?.hasPrefix("reading marks") == true)
        #expect(s.marks.isStarred(link.id))
        _ = apply(
            [.marksLoaded(ReadState(items: [link.id: ItemState(read: true, changed: 1_000)]))],
            to: &s)
        #expect(s.marks.isRead(link.id) && s.marks.isStarred(link.id))
        _ = apply([.undo], to: &s)
        #expect(s.message == "nothing to undo")
        // Marks made after the file is read are whole again.
        #expect(saved(apply([.toggleStar], to: &s))[link.id]?.read == true)
    }

    @Test func aStateFileThatCannotBeReadMakesTheReaderReadOnly() {
        var s = state()
        s.marksLoading = true
        _ = apply([.marksUnavailable("state.json:1:9: not valid JSON")], to: &s)
        #expect(s.readOnlyReason == "state.json:1:9: not valid JSON")
        #expect(s.message?.hasSuffix("read-only; move it aside or use --state FILE") == true)
        _ = apply([.focusNext, .focusNext], to: &s)
        #expect(apply([.toggleStar], to: &s).isEmpty)
    }

}

extension AppState {
    /// Rows in the links pane (the test's view of `linkRows`).
    func count(ofLinks: Void) -> Int { linkRows.count }
}

@Suite("update: the after:N read policy")
struct ReadAfterSecondsTests {
    @Test func aSectionShownForNSecondsIsMarkedReadAndNotBefore() throws {
        var s = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        s.readPolicy = .afterSeconds(30)
        s.nowSeconds = 1000
        for action in [Action.focusNext, .moveDown, .open] { _ = update(&s, action) }
        let section = try #require(s.currentSection)
        #expect(s.readerSince == ReaderSince(section: section.id, seconds: 1000))
        s.nowSeconds = 1029
        #expect(update(&s, .tick).isEmpty)
        s.nowSeconds = 1030
        let effects = update(&s, .tick)
        #expect(effects.count == 1)
        #expect(s.counts(of: section).unread == 0)
        #expect(ReadPolicy("after:30") == .afterSeconds(30))
        #expect(ReadPolicy("after:0") == nil)
        #expect(ReadPolicy("open") == .open)
    }

    @Test func leavingTheReaderResetsTheTimer() throws {
        var s = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        s.readPolicy = .afterSeconds(10)
        s.nowSeconds = 0
        for action in [Action.focusNext, .moveDown, .open] { _ = update(&s, action) }
        s.nowSeconds = 5
        _ = update(&s, .back)
        #expect(s.readerSince == nil)
        s.nowSeconds = 20
        #expect(update(&s, .tick).isEmpty)
    }
}

@Suite("update: messages")
struct MessageTests {
    @Test func ticksAndSavesKeepTheMessageAKeyClearsIt() {
        var s = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        s.readOnlyReason = "state.json:2:14: not valid JSON"
        s.message = "state.json:2:14: not valid JSON — read-only"
        _ = update(&s, .tick)
        _ = update(&s, .stateSaved(merged: ReadState()))
        #expect(s.message == "state.json:2:14: not valid JSON — read-only")
        _ = update(&s, .toggleRead)
        #expect(s.message?.hasSuffix("(not saved: state.json:2:14: not valid JSON)") == true)
        _ = update(&s, .tick)
        #expect(s.message?.hasSuffix("(not saved: state.json:2:14: not valid JSON)") == true)
        _ = update(&s, .moveDown)
        #expect(s.message == nil)
    }
}
