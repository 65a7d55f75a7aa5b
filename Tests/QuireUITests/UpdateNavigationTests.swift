import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("update: navigation")
struct UpdateNavigationTests {
    func state(_ size: Size = Size(columns: 120, rows: 40)) -> AppState {
        AppState(library: Fixtures.seeds, size: size)
    }

    func apply(_ actions: [Action], to state: inout AppState) -> [Effect] {
        actions.flatMap { update(&state, $0) }
    }

    @Test func movingDownPastTheLastIssueStays() {
        var s = state()
        _ = apply([.moveDown, .moveDown, .moveDown, .moveDown], to: &s)
        #expect(s.issues.selected == 2)
        #expect(s.currentIssue?.title == "Good Readings 2021")
        _ = apply([.top], to: &s)
        #expect(s.issues.selected == 0)
        _ = apply([.bottom], to: &s)
        #expect(s.issues.selected == 2)
    }

    @Test func theNavigationKeysReachSectionTwoPointOneAndItsLinks() {
        var s = state()
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown], to: &s)
        #expect(s.focus == .sections)
        #expect(s.currentSection?.title == "2.1 AI")
        _ = apply([.focusNext], to: &s)
        #expect(s.focus == .links)
        #expect(s.currentLink?.text == "Matters Of Scale")
        _ = apply([.moveDown], to: &s)
        #expect(s.currentLink?.url == "https://arxiv.org/abs/2104.06272#deepmind")
    }

    @Test func anotherIssueStartsItsSectionsAndLinksAtTheTop() {
        var s = state()
        _ = apply(
            [
                .focusNext, .bottom, .focusNext, .moveDown, .focusPrevious, .focusPrevious,
                .moveDown,
            ], to: &s)
        #expect(s.currentIssue?.kind == .showNotes)
        #expect(s.sections.selected == 0)
        #expect(s.links.selected == 0)
        #expect(s.readerScroll == 0)
    }

    @Test func enterOpensAnIssuesSectionsThenTheReader() {
        var s = state()
        _ = apply([.open], to: &s)
        #expect(s.focus == .sections)
        _ = apply([.open], to: &s)
        #expect(s.focus == .reader)
        _ = apply([.open], to: &s)
        #expect(s.focus == .reader)
    }

    @Test func focusSkipsAnEmptyLinksPane() {
        var s = state()
        _ = apply([.moveDown, .focusNext, .focusNext], to: &s)
        #expect(s.currentIssue?.kind == .showNotes)
        #expect(s.focus == .reader)
    }

    @Test func qGoesBackThenQuits() {
        var s = state()
        _ = apply([.focusNext, .focusNext, .focusNext], to: &s)
        #expect(s.focus == .reader)
        #expect(apply([.back], to: &s).isEmpty)
        #expect(s.focus == .links)
        #expect(apply([.back, .back], to: &s).isEmpty)
        #expect(s.focus == .issues)
        #expect(apply([.back], to: &s) == [.quit])
    }

    @Test func pagingMovesByTheVisibleRowsAndStaysInRange() {
        var s = state()
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext], to: &s)
        let visible = s.layout.visibleRows(.links)
        _ = apply([.pageDown], to: &s)
        #expect(s.links.selected == visible)
        #expect(s.links.offset > 0)
        #expect(s.links.selected >= s.links.offset && s.links.selected < s.links.offset + visible)
        _ = apply([.halfPageUp], to: &s)
        #expect(s.links.selected == visible - visible / 2)
        _ = apply([.pageDown, .pageDown, .pageDown, .pageDown], to: &s)
        #expect(s.links.selected == 44)
        _ = apply([.pageUp, .pageUp, .pageUp, .pageUp, .pageUp], to: &s)
        #expect(s.links.selected == 0)
        #expect(s.links.offset == 0)
    }

    @Test func spacePagesTheReaderThenMovesToTheNextSection() {
        var s = state(Size(columns: 80, rows: 12))
        _ = apply([.moveDown, .moveDown, .focusNext], to: &s)  // the thread's posts
        #expect(s.currentSection?.title.hasPrefix("Hello all!") == true)
        _ = apply([.pageReader], to: &s)
        #expect(s.focus == .reader)
        let lines = ReaderContent.lines(for: s, width: (s.layout.reader?.width ?? 0) - 2).count
        var pressed = 0
        while s.currentSection?.title.hasPrefix("Hello all!") == true, pressed < 50 {
            _ = apply([.pageReader], to: &s)
            pressed += 1
        }
        #expect(s.currentSection?.title == "Mixup without Hesitation:")
        #expect(pressed >= 1 && pressed <= lines)
        #expect(s.readerScroll == 0)
    }

    @Test func theReaderScrollsWithinItsText() {
        var s = state(Size(columns: 60, rows: 10))
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .open], to: &s)
        #expect(s.focus == .reader)
        _ = apply([.moveDown, .moveDown], to: &s)
        #expect(s.readerScroll == 2)
        _ = apply([.bottom], to: &s)
        let total = ReaderContent.lines(for: s, width: 58).count
        #expect(s.readerScroll == total - ((s.layout.reader?.height ?? 0) - 1))
        _ = apply([.moveDown], to: &s)
        #expect(s.readerScroll == total - ((s.layout.reader?.height ?? 0) - 1))
        _ = apply([.top], to: &s)
        #expect(s.readerScroll == 0)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = state()
        _ = apply([.focusNext, .moveDown, .moveDown, .moveDown, .focusNext, .bottom], to: &s)
        _ = apply([.resize(Size(columns: 40, rows: 8))], to: &s)
        let visible = s.layout.visibleRows(.links)
        #expect(s.links.selected == 44)
        #expect(s.links.offset == 44 - visible + 1)
        _ = apply(
            [.resize(Size(columns: 1, rows: 1)), .resize(Size(columns: 120, rows: 40))], to: &s)
        #expect(s.links.selected == 44)
        #expect(s.currentSection?.title == "2.1 AI")
    }

    @Test func ctrlLAsksForAFullRedraw() {
        var s = state()
        #expect(apply([.redraw], to: &s) == [.redrawAll])
    }

    @Test func filesThatFailedToLoadAreNamedInTheStatusLine() {
        let library = Library(
            issues: Fixtures.seeds.issues,
            failures: [IngestFailure(path: "notes/bad.txt", reason: "empty file")])
        let s = AppState(library: library, size: Size(columns: 120, rows: 40))
        #expect(s.message == "could not load notes/bad.txt: empty file")
        #expect(
            render(s).lines().last?.contains("could not load notes/bad.txt: empty file") == true)
    }

    @Test func anEmptyLibraryStillRenders() {
        var s = AppState(library: Library(), size: Size(columns: 80, rows: 24))
        _ = apply([.moveDown, .focusNext, .focusNext, .open, .pageReader, .bottom], to: &s)
        #expect(render(s).lines().joined().contains("nothing here") || s.focus == .reader)
    }
}
