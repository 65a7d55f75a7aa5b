import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("open and copy links")
struct LinkActionTests {
    static let document = """
        # Links weekly

        ## 1. Tools

        - [Good one](https://example.com/good)
        - [Script](vbscript:msgbox(1))
        - [Spaced](<https://example.com/a b>)
        - [Shell](ssh://host/x)
        - [Second good](https://example.com/second?x=1&y=(2))
        """

    func inLinks(_ policy: ReadPolicy = .explicit) -> AppState {
        var state = AppState(
            library: Fixtures.library([("links.md", Self.document)]),
            size: Size(columns: 120, rows: 40))
        state.readPolicy = policy
        _ = update(&state, .focusNext)
        _ = update(&state, .focusNext)
        #expect(state.focus == .links)
        return state
    }

    func select(_ text: String, in state: inout AppState) {
        for _ in 0..<10 where state.currentLink?.text != text { _ = update(&state, .moveDown) }
        #expect(state.currentLink?.text == text)
    }

    @Test func onlyWebAddressesWithoutSpacesOrControlsOpen() {
        #expect(LinkSafety.refusal(toOpen: "https://example.com/x?a=1") == nil)
        #expect(LinkSafety.refusal(toOpen: "HTTP://example.com") == nil)
        #expect(LinkSafety.refusal(toOpen: "https://example.com/$(id)`id`;rm") == nil)
        #expect(
            LinkSafety.refusal(toOpen: "javascript:alert(1)")
                == "only http and https links open, not javascript:")
        #expect(LinkSafety.refusal(toOpen: "file:///etc/passwd") != nil)
        #expect(LinkSafety.refusal(toOpen: "-oProxyCommand=x") == "the URL begins with -")
        #expect(
            LinkSafety.refusal(toOpen: "https://example.com/a b")
                == "the URL holds whitespace or a control character")
        #expect(LinkSafety.refusal(toOpen: "https://e.com/\u{1B}[2J") != nil)
        #expect(LinkSafety.refusal(toOpen: "https://e.com/\u{202E}") != nil)
        #expect(LinkSafety.refusal(toOpen: "https:") == "it is not a web address")
        #expect(LinkSafety.refusal(toOpen: nil) == "it has no URL")
    }

    @Test func oOpensTheLinkUnderTheCursorAndSaysSo() {
        var state = inLinks()
        #expect(update(&state, .openLink) == [.openURL("https://example.com/good")])
        #expect(state.message == "opening https://example.com/good")
        #expect(!state.marks.isRead(state.currentLink!.id))
    }

    @Test func openingMarksTheLinkReadUnderTheOpenPolicy() {
        var state = inLinks(.open)
        let effects = update(&state, .openLink)
        #expect(effects.first == .openURL("https://example.com/good"))
        #expect(effects.contains { if case .save = $0 { true } else { false } })
        #expect(state.marks.isRead(state.currentLink!.id))
    }

    @Test(arguments: [
        ("Script", "not opened: only http and https links open, not vbscript:"),
        ("Spaced", "not opened: the URL holds whitespace or a control character"),
        ("Shell", "not opened: only http and https links open, not ssh:"),
    ])
    func unsafeLinksAreRefusedWithTheReason(text: String, message: String) {
        var state = inLinks()
        select(text, in: &state)
        #expect(update(&state, .openLink) == [])
        #expect(state.message == message)
    }

    @Test func capitalOAsksWithTheCountThenOpensOnY() {
        var state = inLinks()
        #expect(update(&state, .openSectionLinks) == [])
        #expect(
            state.message
                == "open 2 links in the browser (3 more cannot open)? y opens, any other key cancels"
        )
        #expect(
            update(&state, .confirm) == [
                .openURL("https://example.com/good"),
                .openURL("https://example.com/second?x=1&y=(2)"),
            ])
        #expect(state.confirmation == nil)
        #expect(state.message == "opening 2 links")
    }

    @Test func anyOtherKeyCancelsTheQuestion() throws {
        let (terminal, state) = try Fixtures.drive(
            Fixtures.library([("links.md", Self.document)]), size: Size(columns: 120, rows: 40),
            keys: "llOn")
        #expect(state.confirmation == nil)
        #expect(state.message == "nothing opened")
        #expect(terminal.screen.lines().last?.contains("nothing opened") == true)
    }

    @Test func yCopiesTheURLAndCapitalYAMarkdownLink() {
        var state = inLinks()
        #expect(update(&state, .copyURL) == [.copy("https://example.com/good", what: "the URL")])
        #expect(
            update(&state, .copyMarkdownLink) == [
                .copy("[Good one](https://example.com/good)", what: "the link")
            ])
        select("Second good", in: &state)
        #expect(
            update(&state, .copyMarkdownLink) == [
                .copy("[Second good](<https://example.com/second?x=1&y=(2)>)", what: "the link")
            ])
    }

    @Test func theSearchOverlaysSelectedLinkOpensWithControlO() throws {
        let (_, state) = try Fixtures.drive(
            Fixtures.library([("links.md", Self.document)]), size: Size(columns: 120, rows: 40),
            keys: "/second<C-o>")
        #expect(state.message == "opening https://example.com/second?x=1&y=(2)")
    }

    @Test func aMessageTooLongForTheStatusLineIsShownWholeToSelect() {
        var state = inLinks()
        let url = "https://example.com/" + String(repeating: "long-path/", count: 20)
        state.message =
            "the copy may not have arrived (tmux has set-clipboard off); select it: \(url)"
        let lines = render(state).lines()
        let joined = lines.suffix(3).joined()
        #expect(joined.contains(url))
    }
}
