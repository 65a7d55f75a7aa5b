import QuireCore
import QuireTestSupport
import QuireUI
import Testing

/// Whole-screen golden files, one per layout and overlay (at most 15; see STYLE.md).
@Suite("screens")
struct RootViewSnapshotTests {
    static let folder = Checkout.beside(#filePath, "Snapshots")

    func check(_ name: String, size: Size, keys: String, library: Library = Fixtures.seeds) throws {
        let (terminal, _) = try Fixtures.drive(library, size: size, keys: keys)
        if let failure = ScreenSnapshot.verify(
            ScreenSnapshot.text(terminal.screen), named: name + ".txt", in: Self.folder)
        {
            Issue.record(Comment(rawValue: failure))
        }
    }

    /// A library of one document from the Core tests' fixtures of real-world forms.
    static func form(_ name: String) -> Library {
        Ingestor.load([Checkout.path("Tests/QuireCoreTests/Fixtures/forms/" + name)])
    }

    /// A podcast feed: its items are episodes, their Podlove chapters timed to the next
    /// chapter and the last to `itunes:duration`.
    @Test func podcastFeedListsChaptersWithTimeRanges() throws {
        try check(
            "feed-episode-chapter-ranges", size: Size(columns: 100, rows: 24), keys: "ljj",
            library: Self.form("feed-podcast-podlove-chapters.rss"))
    }

    /// A mailing list's conversation read from an mbox: one post per message, by its
    /// sender and time, the quoted lines marked.
    @Test func emailConversationListsPostsByAuthorAndDate() throws {
        try check(
            "mail-thread-posts-by-author", size: Size(columns: 100, rows: 24), keys: "lj",
            library: Self.form("mail-list-archive.mbox"))
    }

    @Test func issuesPaneAtStart() throws {
        try check("wide-issues", size: Size(columns: 120, rows: 40), keys: "")
    }

    @Test func sectionsPaneOnTwoPointOneAI() throws {
        try check("wide-sections-ai", size: Size(columns: 120, rows: 40), keys: "ljjj")
    }

    @Test func linksPaneShowsTheSelectedLinkInFull() throws {
        try check("wide-link-detail", size: Size(columns: 120, rows: 40), keys: "ljjjljjjjjj")
    }

    @Test func readerOnShowNotesChapters() throws {
        try check("wide-chapters", size: Size(columns: 120, rows: 40), keys: "jlj")
    }

    @Test func helpOverlayListsEveryKey() throws {
        try check("help", size: Size(columns: 80, rows: 24), keys: "?")
    }

    @Test func narrowSectionsWithBreadcrumb() throws {
        try check("narrow-sections", size: Size(columns: 80, rows: 24), keys: "ljjj")
    }

    @Test func narrowReaderTakesTheScreen() throws {
        try check("narrow-reader", size: Size(columns: 40, rows: 12), keys: "jjl<Enter>")
    }

    @Test func smallestUsableSize() throws {
        try check("min-20x6", size: Size(columns: 20, rows: 6), keys: "l")
    }

    @Test func tooSmall() throws {
        try check("too-small", size: Size(columns: 12, rows: 4), keys: "")
    }

    @Test func wideCharactersKeepColumnsAligned() throws {
        let library = Fixtures.library([
            (
                "cjk.md",
                "# 来源: 日本語のニュース 📰\n\n## 第一章 🚀\n\n- [漢字のリンク](https://例え.example/a) and [Gordić’s “notes”](https://b.example/)\n- [e\u{301}te\u{301} 👩‍💻](https://c.example/)\n"
            ),
            ("plain.txt", "Plain notes\n\nJust text.\n"),
        ])
        try check(
            "wide-characters", size: Size(columns: 100, rows: 16), keys: "ll", library: library)
    }
}

@Suite("themes")
struct ThemeTests {
    @Test func monochromeUsesOnlyBoldReverseUnderlineAndDim() {
        for style in Style.allCases {
            let a = Theme.monochrome.attributes(for: style)
            #expect(a.foreground == nil && a.background == nil, "\(style) has a colour")
        }
        #expect(Theme.monochrome.attributes(for: .selected).reverse)
    }

    @Test func eightColourThemeUsesTheBasicPaletteOnly() {
        for style in Style.allCases {
            let a = Theme.color8.attributes(for: style)
            #expect(
                (a.foreground ?? 0) < 8 && (a.background ?? 0) < 8,
                "\(style) needs more than 8 colours")
        }
    }

    @Test func noColorOrFewColoursChooseMonochrome() {
        #expect(Theme.choose(colors: 256, noColor: true) == .monochrome)
        #expect(Theme.choose(colors: 2, noColor: false) == .monochrome)
        #expect(Theme.choose(colors: 8, noColor: false) == .color8)
        #expect(Theme.choose(colors: 256, noColor: false) == .color256)
    }

    @Test func selectionStaysVisibleInEveryTheme() {
        for theme in [Theme.color256, .color8, .monochrome] {
            #expect(
                theme.attributes(for: .selected) != theme.attributes(for: .normal), "\(theme.name)")
            #expect(theme.attributes(for: .link) != theme.attributes(for: .normal), "\(theme.name)")
        }
    }

    @Test func ansiScreensInEightColoursAndMonochrome() throws {
        let (terminal, _) = try Fixtures.drive(size: Size(columns: 40, rows: 8), keys: "l")
        for theme in [Theme.color8, .monochrome] {
            let text = ANSIText.render(terminal.screen, theme: theme).replacingOccurrences(
                of: "\u{1B}", with: "\\e")
            if let failure = ScreenSnapshot.verify(
                text, named: "ansi-\(theme.name).txt", in: RootViewSnapshotTests.folder)
            {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }
}
