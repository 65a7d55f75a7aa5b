import QuireCore
import QuireTestSupport
import QuireUI
import Testing

@Suite("config file")
struct ConfigTests {
    func read(_ text: String, path: String = "/home/ana/.config/quire/config.toml") throws
        -> Config
    {
        try Config.read(text, path: path, home: "/home/ana").get()
    }

    /// The problem `text` is reported with, as quire prints it.
    func problem(_ text: String) -> String? {
        switch Config.read(text, path: "config.toml", home: "/home/ana") {
        case .success: nil
        case .failure(let problem): problem.description
        }
    }

    @Test func theDefaultFileReadsAsTheDefaults() throws {
        #expect(try read(Config.defaultText) == Config())
        #expect(try read("") == Config())
    }

    /// Every commented setting of the default file, uncommented, is again the defaults:
    /// the file names every action, key and element the way the reader takes them.
    @Test func theDefaultFileUncommentedIsTheDefaultsToo() throws {
        let lines = Config.defaultText.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                guard line.hasPrefix("# ") else { return line }
                let rest = line.dropFirst(2)
                let isSetting =
                    rest.hasPrefix("[")
                    || rest.prefix(while: { $0.isLetter || $0 == "-" || $0 == " " }).hasSuffix(" ")
                        && rest.contains(" = ")
                return isSetting ? rest : line
            }
        let config = try read(lines.joined(separator: "\n"))
        #expect(config.keymap == Keymap.standard)
        #expect(Theme.color256.applying(config.theme) == Theme.color256)
        #expect(config.schemes == ["http", "https"])
        #expect(config.readPolicy == .explicit)
        #expect(config.hyperlinks)
        #expect(config.readingSpeed == ReadingTime.defaultWordsPerMinute)
        #expect(config.mouse)
        #expect(config.browser == ["firefox", "--new-tab"])
        #expect(config.library == ["/home/ana/reading", "/home/ana/mail/newsletters.mbox"])
    }

    @Test func rebindingJAndKMovesTheirKeysAndTheHelpShowsThem() throws {
        let config = try read(
            """
            [keys]
            move-down = ["n", "Down"]
            move-up = ["e", "Up"]
            next = ["j"]
            """)
        let keymap = config.keymap
        #expect(keymap.action(for: .char("n"), in: [.lists, .global]) == .moveDown)
        #expect(keymap.action(for: .char("e"), in: [.reader, .global]) == .moveUp)
        #expect(keymap.action(for: .char("j"), in: [.lists, .global]) == .nextUnreadOrHit)
        // `k` lost its action; the help's keys are untouched.
        #expect(keymap.action(for: .char("k"), in: [.lists, .global]) == .unboundKey(.char("k")))
        #expect(keymap.action(for: .char("j"), in: [.help, .global]) == .helpPage(by: 1))
        // The help draws the keys in force.
        var state = AppState(
            library: Fixtures.seeds, size: Size(columns: 100, rows: 50), keymap: keymap)
        state.showsHelp = true
        let lines = render(state).lines()
        #expect(lines.contains { $0.contains("n ↓") && $0.contains("move down") })
        #expect(lines.contains { $0.contains("e ↑") && $0.contains("move up") })
        #expect(!lines.contains { $0.contains("j ↓") && $0.contains("move down") })
    }

    @Test func aKeyForOnePaneLeavesTheOtherAsItWas() throws {
        let keymap = try read("[keys.reader]\nmove-down = [\"e\"]\n").keymap
        #expect(keymap.action(for: .char("e"), in: [.reader, .global]) == .moveDown)
        #expect(keymap.action(for: .char("j"), in: [.reader, .global]) == .unboundKey(.char("j")))
        #expect(keymap.action(for: .char("j"), in: [.lists, .global]) == .moveDown)
        #expect(keymap.action(for: .char("e"), in: [.lists, .global]) == .unboundKey(.char("e")))
        // A key given in the search line does not reach the lists.
        let search = try read("[keys.search]\nnext-hit = [\"Ctrl-f\"]\n").keymap
        #expect(search.action(for: .ctrl("f"), in: [.search, .global]) == .selectHit(by: 1))
        #expect(search.action(for: .down, in: [.search, .global]) == nil)
        #expect(search.action(for: .ctrl("f"), in: [.lists, .global]) == .unboundKey(.ctrl("f")))
    }

    @Test func aGlobalKeyWorksEverywhereAndTakesItsKeyFromTheDefault() throws {
        let keymap = try read("[keys.global]\nredraw = [\"Ctrl-r\"]\n").keymap
        #expect(keymap.action(for: .ctrl("r"), in: [.search, .global]) == .redraw)
        #expect(keymap.action(for: .ctrl("l"), in: [.lists, .global]) == .unboundKey(.ctrl("l")))
    }

    @Test func everyMistakeIsNamedWithItsLine() {
        let cases: [(String, String)] = [
            (
                "[keys]\nmove-down = [\"j\"]\nmvoe-up = [\"k\"]\n",
                "config.toml:3: unknown action \"mvoe-up\" (quire config --print-default lists them)"
            ),
            (
                "[keys]\nmove-down = [\"x\"]\nmove-up = [\"x\"]\n",
                "config.toml:3: x is bound twice in lists: to move-down (line 2) and to move-up"
            ),
            (
                "[keys]\nundo = [\"Ctrl-i\"]\n",
                "config.toml:2: Ctrl-i reaches quire as Tab; bind Tab instead"
            ),
            (
                "[keys]\nundo = [\"F13\"]\n",
                "config.toml:2: \"F13\" is not a key (a character, Ctrl-a to Ctrl-z, Up, Down, Left, Right, Home, End, PgUp, PgDn, Tab, Shift-Tab, Enter, Esc, Backspace or Space)"
            ),
            (
                "[keys.search]\nmove-down = [\"j\"]\n",
                "config.toml:2: move-down has no key in [keys.search]; bind it in [keys], [keys.lists], [keys.reader]"
            ),
            (
                "# colours\n\n[theme]\nselected = { fg = \"purple\" }\n",
                "config.toml:4: unknown colour \"purple\" (a number 0 to 255, default, or black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white)"
            ),
            (
                "[theme]\nselected = { fg = 300 }\n",
                "config.toml:2: a colour number is 0 to 255, not 300"
            ),
            (
                "[theme]\nsidebar = { fg = 1 }\n",
                "config.toml:2: unknown element \"sidebar\" (elements: \(Style.allCases.map(\.description).joined(separator: ", ")))"
            ),
            (
                "hyperlinks = yes\n",
                "config.toml:1: yes is not a value (text goes in quotes)"
            ),
            (
                "hyperlinks = \"no\"\n",
                "config.toml:1: hyperlinks must be true or false"
            ),
            (
                "read-policy = \"sometimes\"\n",
                "config.toml:1: read-policy is \"explicit\", \"open\" or \"after:N\" (seconds), not \"sometimes\""
            ),
            (
                "reading-speed = 5\n",
                "config.toml:1: reading-speed is words a minute, a number from 20 to 2000"
            ),
            (
                "schemes = [\"https\", \"javascript\"]\n",
                "config.toml:1: javascript: links never open (they run code or read local files)"
            ),
            (
                "browser = []\n",
                "config.toml:1: browser needs a program: [\"firefox\", \"--new-tab\"]"
            ),
            (
                "colour = 3\n",
                "config.toml:1: unknown setting \"colour\" (settings: library, browser, schemes, read-policy, reading-speed, hyperlinks, mouse, keys, theme)"
            ),
            ("library = [\"a\"\n", "config.toml:2: expected ]"),
            (
                "library = \"a\nbrowser = [\"w3m\"]\n",
                "config.toml:1: the string is not closed on its line"
            ),
            ("hyperlinks = true\nhyperlinks = false\n", "config.toml:2: hyperlinks is given twice"),
        ]
        for (text, expected) in cases {
            #expect(problem(text) == expected, "\(text)")
        }
    }

    @Test func aColourChangesOnlyWhatItNames() throws {
        let config = try read(
            """
            [theme]
            selected = { fg = "yellow", underline = true }
            link = { fg = "default" }
            """)
        let theme = Theme.color256.applying(config.theme)
        let selected = theme.attributes(for: .selected)
        #expect(selected.foreground == 3)
        #expect(selected.background == 31)  // the theme's
        #expect(selected.bold && selected.underline)
        #expect(theme.attributes(for: .link).foreground == nil)
        #expect(theme.attributes(for: .heading) == Theme.color256.attributes(for: .heading))
    }

    @Test func libraryPathsStartAtHomeOrTheConfigFolder() throws {
        let config = try read(
            "library = [\"~/reading\", \"feeds\", \"/srv/mail/list.mbox\"]\n",
            path: "/home/ana/.config/quire/config.toml")
        #expect(
            config.library == [
                "/home/ana/reading", "/home/ana/.config/quire/feeds", "/srv/mail/list.mbox",
            ])
        #expect(try read("library = \"~\"\n").library == ["/home/ana"])
    }

    /// The panes show reading times at the configured speed.
    @Test func readingSpeedChangesTheTimesShown() throws {
        let config = try read("reading-speed = 50\n")
        var state = AppState(library: Fixtures.seeds, size: Size(columns: 120, rows: 40))
        let usual = render(state).lines()[2]
        state.wordsPerMinute = config.readingSpeed
        let slow = render(state).lines()[2]
        let words = try #require(
            ReadingTimes(Fixtures.seeds).words(ofIssue: Fixtures.seeds.issues[0].id))
        #expect((2_001...2_200).contains(words))  // 11 minutes at 200 words a minute
        #expect(usual.contains("newsletter · 11 min · 124 links"))
        #expect(slow.contains("newsletter · \((words + 49) / 50) min · 124 links"))
    }

    @Test func listedSchemesOpenAndOthersStillDoNot() throws {
        let config = try read("schemes = [\"https\", \"gemini:\"]\n")
        #expect(config.schemes == ["https", "gemini"])
        #expect(LinkSafety.refusal(toOpen: "gemini://example.org/", schemes: config.schemes) == nil)
        #expect(
            LinkSafety.refusal(toOpen: "http://example.org/", schemes: config.schemes)
                == "only gemini and https links open, not http:")
    }
}
