import Foundation
import Testing

/// Opening and copying links, and hostile documents, in a real terminal (tmux), with the
/// raw bytes quire writes recorded by `pipe-pane`.
@Suite(
    "links and hostile text in a real terminal", .enabled(if: TmuxSession.isAvailable), .serialized)
struct LinkSessionTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "quire-links-" + UUID().uuidString
        init() throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
        func write(_ name: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                atPath: (file(name) as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        }
        func read(_ name: String) -> String {
            (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
        }
    }

    /// Polls `condition` on a file's text until it holds.
    func waitForFile(
        _ folder: Folder, _ name: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) -> String {
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = folder.read(name)
            if condition(text) { return text }
            usleep(20_000)
        }
        Issue.record(
            "timed out waiting for \(what); \(name) holds:\n\(text)", sourceLocation: sourceLocation
        )
        return text
    }

    @Test func oRunsOnlyTheBrowserWithTheURLAsOneArgument() throws {
        let folder = try Folder()
        try folder.write(
            "docs/links.md",
            """
            # Hostile links

            ## 1. Links

            - [Dollar](https://example.com/$(touch${IFS}pwned-dollar))
            - [Backticks](https://example.com/`touch${IFS}pwned-tick`)
            - [Semicolon](https://example.com/a;touch${IFS}pwned-semi;)
            - [Spaces](<https://example.com/a b; touch pwned-space>)
            - [Script](javascript:alert(document.cookie))
            - [Plain](https://example.com/plain)

            """)
        try folder.write(
            "recorder",
            "#!/bin/sh\nprintf 'argc=%s\\n' \"$#\" >> '\(folder.file("argv.log"))'\n"
                + "for a in \"$@\"; do printf 'arg=%s\\n' \"$a\" >> '\(folder.file("argv.log"))'; done\n"
        )
        chmod(folder.file("recorder"), 0o755)
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && BROWSER='\(folder.file("recorder"))' '\(QuireProcess.executable)'"
                + " --state '\(folder.file("state.json"))' docs")
        try tmux.waitFor("start-up") { $0.contains { $0.contains("Hostile links") } }
        try tmux.send("l", "l")
        try tmux.waitFor("the links pane") {
            $0.contains { $0.contains("Links") && $0.contains("1/5") }
        }
        try tmux.send("o")
        _ = waitForFile(folder, "argv.log", "the first URL") { $0.contains("pwned-dollar") }
        try tmux.send("j", "o")
        _ = waitForFile(folder, "argv.log", "the second URL") { $0.contains("pwned-tick") }
        try tmux.send("j", "o")
        _ = waitForFile(folder, "argv.log", "the third URL") { $0.contains("pwned-semi") }
        try tmux.send("j", "o")
        try tmux.waitFor("the refusal of the URL with spaces") { lines in
            lines.contains { $0.contains("not opened: the URL holds whitespace") }
        }
        try tmux.send("j", "o")
        let log = waitForFile(folder, "argv.log", "the plain URL") { $0.contains("/plain") }
        #expect(
            log == """
                argc=1
                arg=https://example.com/$(touch${IFS}pwned-dollar)
                argc=1
                arg=https://example.com/`touch${IFS}pwned-tick`
                argc=1
                arg=https://example.com/a;touch${IFS}pwned-semi;
                argc=1
                arg=https://example.com/plain

                """)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasPrefix("pwned") })
        #expect(!log.contains("javascript"))
    }

    /// A config as a new user writes one.
    ///
    /// `j`/`k` moved to `n`/`e`, a colour, a browser: quire uses all three, and `?` shows
    /// the keys in force.
    @Test func aConfigRebindsKeysColoursTheCursorAndSetsTheBrowser() throws {
        let folder = try Folder()
        try folder.write(
            "bin/recorder",
            "#!/bin/sh\nprintf '%s|%s\\n' \"$1\" \"$2\" >> '\(folder.file("opened.log"))'\n")
        chmod(folder.file("bin/recorder"), 0o755)
        try folder.write(
            "config/quire/config.toml",
            """
            # mine
            browser = ["\(folder.file("bin/recorder"))", "--tab", "%s"]

            [keys]
            move-down = ["n", "Down"]
            move-up = ["e", "Up"]
            next = ["j"]

            [theme]
            selected = { fg = "bright-yellow", bg = 88, bold = true }

            """)
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && unset NO_COLOR && XDG_CONFIG_HOME='\(folder.file("config"))' "
                + "'\(QuireProcess.executable)' --state /dev/null/none")
        try tmux.waitForStartUp()
        try tmux.send("n", "n")
        try tmux.waitFor("the cursor moved by n") { $0.first?.contains("3/3") == true }
        try tmux.send("e")
        try tmux.waitFor("the cursor moved back by e") { $0.first?.contains("2/3") == true }
        // The selected row in the configured colours: bright yellow on 88.
        let styled = try tmux.captureStyled()
        let selectedRow = styled.split(separator: "\n").filter {
            $0.contains("\u{1B}[1m\u{1B}[93m\u{1B}[48;5;88m ")
        }
        #expect(selectedRow.count == 2, "\(styled.prefix(600))")  // the issue's two rows
        try tmux.send("?")
        try tmux.waitFor("the help with the keys in force") { lines in
            lines.contains { $0.contains("n ↓") && $0.contains("move down") }
                && lines.contains { $0.contains("e ↑") && $0.contains("move up") }
        }
        try tmux.send("Escape", "g", "l", "l", "o")
        let log = waitForFile(folder, "opened.log", "the configured browser") { !$0.isEmpty }
        #expect(log.hasPrefix("--tab|https://"), "\(log)")
    }

    /// A mistake in the config is on the status line once the library is read (not
    /// wiped by its arrival), and on stderr after quire exits; the defaults are in force.
    @Test func aBrokenConfigIsNamedByLineOnTheStatusLine() throws {
        let folder = try Folder()
        try folder.write(
            "config/quire/config.toml", "[keys]\nmove-down = [\"n\"]\nmvoe-up = [\"e\"]\n")
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && XDG_CONFIG_HOME='\(folder.file("config"))' "
                + "'\(QuireProcess.executable)' --state '\(folder.file("state.json"))' "
                + "2>'\(folder.file("err.txt"))'")
        try tmux.waitForStartUp()
        try tmux.waitFor("the config's mistake on the status line") { lines in
            lines.contains { $0.contains("config.toml:3: unknown action \"mvoe-up\"") }
        }
        try tmux.send("j")
        try tmux.waitFor("j moving: the defaults") { $0.first?.contains("2/3") == true }
        try tmux.send("q")
        let errors = waitForFile(folder, "err.txt", "the mistake on stderr") { !$0.isEmpty }
        #expect(
            errors.hasSuffix(
                "config.toml:3: unknown action \"mvoe-up\" (quire config --print-default lists them); using the defaults\n"
            ))
    }

    @Test func aTextBrowserGetsTheTerminalAndQuireComesBackAfter() throws {
        let folder = try Folder()
        try folder.write("bin/w3m", "#!/bin/sh\nprintf 'W3M has %s\\n' \"$1\"\nread answer\n")
        chmod(folder.file("bin/w3m"), 0o755)
        try folder.write("bin/failing", "#!/bin/sh\necho 'no display here' >&2\nexit 3\n")
        chmod(folder.file("bin/failing"), 0o755)
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && PATH='\(folder.file("bin")):/usr/bin:/bin' BROWSER=w3m "
                + "'\(QuireProcess.executable)' --state /dev/null/none")
        try tmux.waitForStartUp()
        try tmux.send("l", "j", "j", "j", "l", "j", "o")
        try tmux.waitFor("the text browser on the screen") { lines in
            lines.contains { $0.contains("W3M has https://arxiv.org/abs/2104.06272#deepmind") }
                && !lines.contains { $0.contains("Issues") }
        }
        #expect(try tmux.display("#{alternate_on}") == "0")
        try tmux.send("Enter")
        try tmux.waitFor("quire's screen again") { lines in
            lines.contains { $0.contains("Issues") && $0.contains("Links") }
                && lines.contains { $0.contains("https://arxiv.org/abs/2104.06272#deepmind") }
        }
        #expect(try tmux.display("#{alternate_on}") == "1")
        try tmux.kill()
        let failing = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && PATH='\(folder.file("bin")):/usr/bin:/bin' BROWSER=failing "
                + "'\(QuireProcess.executable)' --state /dev/null/none")
        try failing.waitForStartUp()
        try failing.send("l", "j", "j", "j", "l", "o")
        try failing.waitFor("the failure, reported") { lines in
            lines.contains { $0.contains("failing failed (status 3): no display here") }
        }
    }

    @Test func yWritesOneOSC52SequenceWhosePayloadIsTheURL() throws {
        let folder = try Folder()
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && '\(QuireProcess.executable)' --state /dev/null/none")
        try tmux.waitForStartUp()
        try tmux.record(into: folder.file("raw"))
        try tmux.send("l", "j", "j", "j", "l", "j")
        try tmux.waitFor("the Podracer link") { lines in
            lines.contains { $0.contains("https://arxiv.org/abs/2104.06272#deepmind") }
        }
        try tmux.send("y")
        try tmux.waitFor("the copy's message") { $0.contains { $0.contains("copied the URL") } }
        let payload = Data("https://arxiv.org/abs/2104.06272#deepmind".utf8).base64EncodedString()
        let raw = waitForFile(folder, "raw", "the OSC 52 sequence") { $0.contains("\u{1B}]52;") }
        #expect(raw.components(separatedBy: "\u{1B}]52;").count == 2)
        #expect(raw.contains("\u{1B}]52;c;\(payload)\u{07}"))
    }

    @Test func linksAreOSC8HyperlinksAndTheScreenIsTheSameWithout() throws {
        let folder = try Folder()
        var screens: [[String]] = []
        for flag in ["", " --no-hyperlinks"] {
            // Without colours whatever the environment the tests run in (under `swift test`
            // they were off, with the test binary run by hand on): the renditions below are
            // mono.
            let tmux = try TmuxSession(
                "cd '\(QuireProcess.checkout)' && NO_COLOR=1 '\(QuireProcess.executable)'"
                    + " --state /dev/null/none" + flag)
            try tmux.waitForStartUp()
            try tmux.record(into: folder.file("raw\(screens.count)"))
            try tmux.send("l", "j", "j", "j", "l", "j", "Tab")
            // The last key focuses the reader: its line count on the status line shows
            // that every key was handled.
            try tmux.waitFor("the section in the reader") { lines in
                lines.contains { $0.contains("Matters Of Scale") }
                    && lines.contains { $0.contains("line 1/57") }
            }
            screens.append(try tmux.capture())
        }
        #expect(screens[0] == screens[1])
        let target = "\u{1B}]8;;https://arxiv.org/abs/2104.06272#deepmind\u{1B}\\"
        let raw = waitForFile(folder, "raw0", "a hyperlink") { $0.contains(target) }
        #expect(raw.contains(target + "\u{1B}[0;4m“Podracer"))
        #expect(!folder.read("raw1").contains("\u{1B}]8;"))
    }

    /// What a hostile document carries; none of it may reach the terminal.
    static let hostile =
        "# Weekly \u{1B}]0;pwned-title\u{07}Links\n\n## 1. Tools \u{1B}[6n\u{1B}[31;7;5m\n\n"
        + "- [Fast \u{1B}]52;c;cHduZWQ=\u{07} parser](https://example.com/a) - overwrite\rXX\u{08}\u{08}\n"
        + "- [Bidi \u{202E}txt.exe\u{202C}](https://example.com/b) \u{07}\u{07} and \u{9B}5n\n\n"
        + "Latin-1 caf\u{FFFD}.\n"

    func writeHostile(_ folder: Folder) throws {
        var bytes = Array(Self.hostile.utf8)
        // One invalid UTF-8 byte in place of the replacement character.
        let marker = Array("\u{FFFD}".utf8)
        if let at = (0...(bytes.count - marker.count)).first(where: {
            Array(bytes[$0..<($0 + marker.count)]) == marker
        }) {
            bytes.replaceSubrange(at..<(at + marker.count), with: [0xE9])
        }
        try FileManager.default.createDirectory(
            atPath: folder.file("docs"), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("docs/hostile.md")))
    }

    func expectNothingHostile(in raw: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for sequence in [
            "\u{1B}]0;", "pwned-title", "\u{1B}]52;", "cHduZWQ=", "\u{1B}[6n", "\u{1B}[31;7;5m",
            // ncurses itself moves the cursor with BS: the document's two are what may not.
            "\u{202E}", "\u{9B}", "\u{07}", "\r" + "XX", "XX\u{08}\u{08}",
        ] {
            #expect(
                !raw.contains(sequence), "\(sequence.debugDescription) reached the terminal",
                sourceLocation: sourceLocation)
        }
    }

    @Test func aHostileDocumentLoadsAndNothingOfItReachesTheTerminal() throws {
        let folder = try Folder()
        try writeHostile(folder)
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && '\(QuireProcess.executable)' --state /dev/null/none docs")
        try tmux.record(into: folder.file("raw"))
        try tmux.waitFor("the hostile document, loaded") { lines in
            lines.contains { $0.contains("Weekly Links") }
        }
        try tmux.send("l", "j", "Enter")
        try tmux.waitFor("its links in the reader") { lines in
            lines.contains { $0.contains("Fast") && $0.contains("parser") }
        }
        try tmux.send("Tab", "l", "j")
        try tmux.waitFor("the bidi link") { $0.contains { $0.contains("txt.exe") } }
        try tmux.send("q", "q", "q", "q")
        try tmux.kill()
        let raw = String(
            decoding: (try? Data(contentsOf: URL(fileURLWithPath: folder.file("raw")))) ?? Data(),
            as: UTF8.self)
        #expect(raw.contains("Weekly Links"))
        expectNothingHostile(in: raw)
    }

    @Test func quireListOfAHostileDocumentInATerminalIsClean() throws {
        let folder = try Folder()
        try writeHostile(folder)
        let tmux = try TmuxSession(
            "cd '\(folder.path)' && '\(QuireProcess.executable)' list docs; echo '[done]'; exec sleep 60"
        )
        try tmux.record(into: folder.file("raw"))
        try tmux.waitFor("the outline") { $0.contains("[done]") }
        let raw = folder.read("raw")
        expectNothingHostile(in: raw)
    }
}
