import Foundation
import QuireTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built binary in a real terminal (tmux): start-up, keys, resize, and giving the
/// terminal back on every way out.
@Suite("quire in a real terminal", .enabled(if: TmuxSession.isAvailable), .serialized)
struct TerminalSessionTests {
    var quire: String { "cd '\(QuireProcess.checkout)' && '\(QuireProcess.executable)'" }

    @Test func startUpShowsTheSeeds() throws {
        let tmux = try TmuxSession(quire)
        try tmux.waitFor("the issues pane") { lines in
            lines.contains { $0.contains("Issues") && $0.contains("1/3") }
                && lines.contains { $0.contains("May 2021 Gwern.net Newsletter") }
                && lines.contains { $0.contains("Good Readings 2021") }
        }
        #expect(try tmux.display("#{alternate_on}") == "1")
    }

    @Test func navigationKeysReachTwoPointOneAIAndItsLinks() throws {
        let tmux = try TmuxSession(quire)
        try tmux.waitForStartUp()
        try tmux.send("l", "j", "j", "j", "Right")
        try tmux.waitFor("the links of 2.1 AI") { lines in
            lines.contains { $0.contains("Links") && $0.contains("1/45") }
                && lines.contains { $0.contains("Matters Of Scale") }
                && lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.contains(
                    "› 2.1 AI") == true
        }
        try tmux.send("Down")
        try tmux.waitFor("the Podracer link in the reader") { lines in
            lines.contains { $0.contains("https://arxiv.org/abs/2104.06272#deepmind") }
        }
    }

    /// Clicks and the wheel as a terminal reports them (ncurses decodes them from the
    /// bytes tmux passes on): a click selects, a second on the same item opens it, the
    /// wheel moves the list under the pointer.
    @Test func theMouseSelectsOpensAndScrolls() throws {
        let tmux = try TmuxSession(quire)
        try tmux.waitForStartUp()
        // At 120x40 the issues pane is columns 0-38, an issue every two rows from row 1.
        try tmux.mouse(0, x: 3, y: 5)
        try tmux.waitFor("the third issue selected") { $0.first?.contains("3/3") == true }
        try tmux.mouse(0, x: 3, y: 1)
        try tmux.waitFor("the first issue selected") { $0.first?.contains("1/3") == true }
        try tmux.mouse(0, x: 3, y: 2)
        try tmux.waitFor("the first issue opened: its sections focused") { lines in
            lines.contains { $0.hasPrefix(" May 2021 Gwern.net Newsletter ›") }
        }
        // The wheel over the sections pane (columns 40-78): three sections down.
        try tmux.mouse(65, x: 50, y: 3)
        try tmux.waitFor("three sections down") { $0.first?.contains("4/12") == true }
        try tmux.mouse(64, x: 50, y: 3)
        try tmux.waitFor("three sections up") { $0.first?.contains("1/12") == true }
    }

    @Test func showNotesChaptersShowTheirStarts() throws {
        let tmux = try TmuxSession(quire)
        try tmux.waitForStartUp()
        try tmux.send("j", "Tab")
        try tmux.waitFor("the chapters") { lines in
            lines.contains { $0.contains("0:07 This episode builds on Episode 5") }
        }
    }

    /// The reader is up and takes keys before the library is read.
    ///
    /// A named pipe given last holds the load open until the test writes a document into it. Meanwhile the
    /// status line counts the files read, and when the document arrives it is listed
    /// after the others with the cursor where the user left it.
    @Test func theReaderIsUsableWhileTheLibraryIsStillBeingRead() throws {
        try TemporaryFolder.with("quire-progressive") { folder in
            let pipe = folder + "/late.md"
            #expect(mkfifo(pipe, 0o600) == 0)
            let tmux = try TmuxSession(quire + " seeds '\(pipe)'")
            try tmux.waitFor("the seeds listed while the pipe is not read yet") { lines in
                lines.contains { $0.contains("Issues") && $0.contains("1/3") }
                    && lines.contains { $0.contains("loading 3/4 ███████░░░") }
            }
            try tmux.send("j")
            try tmux.waitFor("the cursor moved") { lines in
                lines.contains { $0.contains("Issues") && $0.contains("2/3") }
            }
            // Opening the pipe for writing waits for quire, which waits for a writer.
            let writer = try #require(FileHandle(forWritingAtPath: pipe))
            writer.write(Data("# Arrived Late\n\n- [A late link](https://late.example/)\n".utf8))
            try writer.close()
            try tmux.waitFor("the late document listed, the cursor kept") { lines in
                lines.contains { $0.contains("Issues") && $0.contains("2/4") }
                    && lines.contains { $0.contains("Arrived Late") }
                    && !lines.contains { $0.contains("loading") }
            }
            // A pipe gave its document once: Ctrl-R keeps it rather than read it again.
            try tmux.send("C-r")
            try tmux.waitFor("the pipe not read again") { lines in
                lines.contains { $0.contains("the library is read from a pipe: not read again") }
                    && lines.contains { $0.contains("Arrived Late") }
            }
        }
    }

    /// A folder of every format quire reads (Markdown, text, HTML pages, RSS and Atom
    /// feeds, `.eml`, an mbox, a Maildir) opens with every document listed, and a link
    /// in a reply inside the Maildir is found by search.
    @Test func aFolderOfEveryFormatOpensWithEveryDocument() throws {
        let tmux = try TmuxSession(quire + " Tests/QuireCoreTests/Fixtures/forms")
        try tmux.waitFor("all 40 documents") { lines in
            lines.contains { $0.contains("Issues") && $0.contains("1/40") }
        }
        try tmux.send("/")
        #expect(try !tmux.capture().contains { $0.contains("Automerge") })
        try tmux.send("-l", "automerge")
        try tmux.waitFor("the reply's link among the hits") { lines in
            lines.contains { $0.contains("the Automerge talk") }
        }
    }

    /// A hostile document beside the seeds (`![[]()` 160,000 times under a heading, the
    /// input on which the old Markdown engine never finished) opens at once, both it and
    /// the seeds listed: as a new user would first try it.
    @Test func aHostileDocumentBesideTheSeedsOpensAtOnce() throws {
        try TemporaryFolder.with("quire-hostile") { folder in
            let path = folder + "/images.md"
            let text = "# Empty Images Of Links\n\n" + String(repeating: "![[]()", count: 160_000)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let tmux = try TmuxSession(quire + " seeds '\(path)'")
            try tmux.waitFor("the seeds and the hostile document listed, loaded") { lines in
                lines.contains { $0.contains("Issues") && $0.contains("1/4") }
                    && lines.contains { $0.contains("Empty Images Of Links") }
                    && lines.contains { $0.contains("May 2021 Gwern.net Newsletter") }
                    && !lines.contains { $0.contains("loading") }
            }
        }
    }

    /// Characters whose width terminals and libc count differently never shift a row.
    ///
    /// `🛠️` (a one-column symbol with the emoji selector) is two columns in the screen
    /// buffer and one to ncurses and tmux. It used to leave the column after it as the
    /// frame before had it (here a `z` of the first issue's section) and shift the rest of
    /// the row. The same for a symbol libc takes as two columns (`䷀`) and one libc
    /// does not know (U+0378).
    @Test func charactersOfDisputedWidthLeaveNoStaleText() throws {
        try TemporaryFolder.with("quire-widths") { folder in
            try Data("# Alpha\n\n## Zzzzzzzzzzzzzzzz\n\n- [a](https://a.example/)\n".utf8)
                .write(to: URL(fileURLWithPath: folder + "/a.md"))
            let headings =
                "## 🛠️ Tools\n\n- [b](https://b.example/)\n\n## ䷀ Hexagram\n\n"
                + "- [c](https://c.example/)\n\n## \u{378} Unknown\n\n- [d](https://d.example/)\n"
            try Data(("# Beta\n\n" + headings).utf8)
                .write(to: URL(fileURLWithPath: folder + "/b.md"))
            let tmux = try TmuxSession(quire + " --no-watch '\(folder)'")
            try tmux.waitForStartUp()
            try tmux.waitFor("the first issue's section") { lines in
                lines.contains { $0.contains("Zzzzzzzzzzzzzzzz") }
            }
            try tmux.send("j")
            // Its sections listed and the first in the reader: the whole frame drawn.
            try tmux.waitFor("the second issue's sections") { lines in
                lines.contains { $0.contains("Tools") } && lines.contains { $0.contains("Unknown") }
                    && lines.contains { $0.hasPrefix("── 🛠") }
            }
            let screen = tmux.lastCapture
            let title = try #require(screen.first)
            let borders = { (row: String) in
                row.enumerated().filter { $0.element == "│" }.map(\.offset)
            }
            #expect(
                !screen.contains { $0.contains("z") },
                "stale text:\n\(screen.joined(separator: "\n"))")
            // Every row's pane borders stand where the title row's do.
            for row in screen where row.contains("│") {
                #expect(borders(row) == borders(title), "\(row)")
            }
            // The reader's heading rule: the symbol, blanks, the name.
            let rule = try #require(screen.first { $0.hasPrefix("── 🛠") })
            #expect(rule.contains(/── 🛠\u{FE0F}? +Tools ──/), "\(rule)")
        }
    }

    @Test func resizingToTwentyBySixAndBackRedraws() throws {
        let tmux = try TmuxSession(quire)
        try tmux.waitForStartUp()
        try tmux.resize(columns: 20, rows: 6)
        try tmux.waitFor("the narrow layout") { lines in
            lines.count >= 2 && lines[1].hasPrefix(" Issues")
                && !lines.contains { $0.contains("│") }
        }
        try tmux.resize(columns: 10, rows: 3)
        try tmux.waitFor("the too-small note") { $0.contains { $0.contains("too small") } }
        try tmux.resize(columns: 120, rows: 40)
        try tmux.waitFor("the wide layout again") { lines in
            lines.count >= 40 && lines[0].contains("Issues") && lines[0].contains("Sections")
                && lines[0].contains("Links")
        }
    }

    @Test func closingTheTerminalEndsQuireInsteadOfSpinning() throws {
        let tmux = try TmuxSession(quire + "; exec sleep 600")
        try tmux.waitForStartUp()
        let shell = try tmux.display("#{pane_pid}")
        let child = try #require(Self.child(of: pid_t(shell) ?? 0))
        try tmux.kill()
        let deadline = Date().addingTimeInterval(10)
        while kill(child, 0) == 0, Date() < deadline { usleep(20_000) }
        #expect(kill(child, 0) != 0, "quire (pid \(child)) still runs after its terminal closed")
    }

    /// The first child process of `pid`, from /proc.
    static func child(of pid: pid_t) -> pid_t? {
        let text =
            (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8))
            ?? ""
        return text.split(separator: " ").first.flatMap { pid_t($0) }
    }

    @Test func quitGivesTheTerminalBack() throws {
        let tmux = try TmuxSession(quire + "; echo \"[exit $?]\"; exec sleep 600")
        try tmux.waitForStartUp()
        try tmux.send("l", "q", "q")
        try tmux.waitFor("the exit marker") { $0.contains("[exit 0]") }
        #expect(try tmux.display("#{alternate_on} #{cursor_flag}") == "0 1")
    }

    @Test func sigtermGivesTheTerminalBack() throws {
        let tmux = try TmuxSession(
            quire.replacingOccurrences(of: "&& '", with: "&& exec '"), remainOnExit: true)
        try tmux.waitForStartUp()
        let pid = try tmux.display("#{pane_pid}")
        #expect(kill(pid_t(pid) ?? 0, SIGTERM) == 0)
        try tmux.waitFor(format: "#{pane_dead}", toBe: "1")
        #expect(try tmux.display("#{alternate_on}") == "0")
    }
}

@Suite("quire without a usable terminal")
struct NoTerminalTests {
    @Test(arguments: [
        ("dumb", "quire: TERM=dumb cannot show quire's screen; use `quire list` or `quire dump`\n"),
        ("", "quire: TERM is not set; quire needs a terminal (try TERM=xterm-256color)\n"),
    ])
    func aClearOneLineErrorAndStatusTwo(term: String, message: String) throws {
        let result = try QuireProcess.run([], environment: ["TERM": term])
        #expect(result.status == 2)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func notATTYIsRefusedWithoutGarbage() throws {
        let result = try QuireProcess.run([], environment: ["TERM": "xterm-256color"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("quire: standard input and output must be a terminal"))
        #expect(result.stdout.isEmpty)
    }
}

@Suite("marks in a real terminal", .enabled(if: TmuxSession.isAvailable), .serialized)
struct TerminalMarksTests {
    @Test func marksMadeInTheReaderAreThereAfterARestart() throws {
        let folder = NSTemporaryDirectory() + "quire-marks-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = folder + "/state.json"
        let quire =
            "cd '\(QuireProcess.checkout)' && '\(QuireProcess.executable)' --state '\(state)'"
        do {
            let tmux = try TmuxSession(quire + "; echo \"[exit $?]\"; exec sleep 600")
            try tmux.waitForStartUp()
            // Step by step, each step seen before the next: a key that goes astray is
            // named by the step that waits for it.
            try tmux.send("l", "j", "j", "j")
            try tmux.waitFor("section 2.1 AI") { $0.first?.contains("4/12") == true }
            try tmux.send("l")
            try tmux.waitFor("its first link in the reader") { lines in
                lines.contains { $0.contains("Link 1 of 45") }
            }
            try tmux.send("r", "j", "s")
            try tmux.waitFor("the marks") { lines in
                lines.contains { $0.contains("✓ Matters Of Scale") }
                    && lines.contains { $0.contains("★ “Podracer") }
            }
            try tmux.send("q", "q", "q")
            try tmux.waitFor("the exit marker") { $0.contains("[exit 0]") }
        }
        let journal = try String(contentsOfFile: state + ".journal", encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 2)
        let tmux = try TmuxSession(quire)
        try tmux.waitFor("the marks after a restart") { lines in
            lines.contains { $0.contains("123/124 unread") || $0.contains("unread") }
        }
        try tmux.send("l", "j", "j", "j", "l")
        try tmux.waitFor("the marked links") { lines in
            lines.contains { $0.contains("✓ Matters Of Scale") }
                && lines.contains { $0.contains("★ “Podracer") }
        }
    }
}

@Suite("search in a real terminal", .enabled(if: TmuxSession.isAvailable), .serialized)
struct TerminalSearchTests {
    @Test func slashTypeEnterLandsOnTheHit() throws {
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && '\(QuireProcess.executable)' --state /dev/null/none")
        try tmux.waitForStartUp()
        try search(tmux, "diffusion", first: "“Diffusion Models Beat GANs on Image Synthesis”")
        try tmux.send("Enter")
        try tmux.waitFor("the link with the reader on it, and which hit it is") { lines in
            lines.contains { $0.contains("https://arxiv.org/abs/2105.05233#openai") }
                && lines.contains { $0.contains("Link 25 of 45") }
                && lines.contains { $0.contains("hit 1/") }
        }
        try tmux.send("n")
        try tmux.waitFor("the second hit") { lines in
            lines.contains { $0.contains("hit 2/") && $0.contains("“diffusion”") }
        }
        try search(tmux, "gordic", first: "Stability and combinations, with Aleksa Gordić")
        try tmux.send("Enter")
        try tmux.waitFor("the show notes") { lines in
            lines.contains { $0.contains("Issues") }
                && lines.contains { $0.contains("0:07") || $0.contains("Description") }
        }
    }

    /// Types `/query` and waits until the overlay's first hit holds `first`.
    func search(_ tmux: TmuxSession, _ query: String, first: String) throws {
        try tmux.send("/")
        try tmux.send("-l", query)
        try tmux.waitFor("“\(first)” first among the hits for \(query)") { lines in
            lines.first?.contains("/\(query)") == true && lines.count > 1
                && lines[1].contains(first)
        }
    }
}
