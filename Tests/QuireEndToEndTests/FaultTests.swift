import Foundation
import QuireCore
import Testing

/// What the world does to a terminal program: resizes, odd locales and terminals, hang-ups.
///
/// Resizes by the hundred, a hang-up in the middle of a save: quire never crashes, gives the terminal
/// back, and keeps every mark it took.
@Suite("faults in a real terminal", .enabled(if: TmuxSession.isAvailable), .serialized)
struct FaultTests {
    var quire: String { "cd '\(QuireProcess.checkout)' && exec '\(QuireProcess.executable)'" }

    @Test func threeHundredRandomResizesWithKeysBetweenAndBack() throws {
        let folder = NSTemporaryDirectory() + "quire-resize-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = folder + "/state.json"
        // The exit status is written by the shell: tmux 3.3 sometimes loses a dead pane's
        // status after many resizes.
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && '\(QuireProcess.executable)' --state '\(state)';"
                + " echo \"exit=$?\" > '\(folder)/exit'",
            remainOnExit: true)
        try tmux.waitForStartUp()
        var generator = SystemRandomNumberGenerator()
        // Keys that move, open, page, filter, search and help; none that quits.
        let keys = ["j", "k", "l", "h", "Tab", "Enter", "Space", "G", "g", "f", "?", "/", "C-l"]
        for step in 0..<300 {
            let size =
                step % 50 == 0
                ? (1, 1)
                : (
                    Int.random(in: 1...200, using: &generator),
                    Int.random(in: 1...60, using: &generator)
                )
            try tmux.resize(columns: size.0, rows: size.1)
            try tmux.send(keys.randomElement(using: &generator)!)
        }
        #expect(try tmux.display("#{pane_dead}") == "0", "quire died during the resizes")
        try tmux.send("Enter")  // ends a search, if one is open
        try tmux.resize(columns: 120, rows: 40)
        try tmux.send("C-l")
        try tmux.waitFor("the whole screen again at 120×40") { lines in
            lines.count >= 40 && lines.contains { $0.contains("Issues") }
                && lines[39].contains("? help")
        }
        for _ in 0..<6 { try tmux.send("q") }
        try tmux.waitFor(format: "#{pane_dead}", toBe: "1")
        let exit = try String(contentsOfFile: folder + "/exit", encoding: .utf8)
        #expect(exit == "exit=0\n")
        #expect(try tmux.display("#{alternate_on}") == "0")
        // Space may have marked items: whatever was saved (snapshot and journal) reads.
        #expect(throws: Never.self) { try StateStore(path: state).load() }
    }

    @Test func anUnknownTERMIsAOneLineErrorAndTheTerminalIsUntouched() throws {
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && TERM=no-such-terminal-42 '\(QuireProcess.executable)'"
                + "; echo \"[exit $?]\"; exec sleep 60")
        try tmux.waitFor("the error and the exit status") { lines in
            lines.contains { $0 == "quire: unknown terminal type TERM=no-such-terminal-42" }
                && lines.contains("[exit 2]")
        }
        #expect(try tmux.display("#{alternate_on}") == "0")
    }

    @Test func aCLocaleDrawsInASCIIAndWorks() throws {
        let exit = NSTemporaryDirectory() + "quire-c-locale-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: exit) }
        let tmux = try TmuxSession(
            "cd '\(QuireProcess.checkout)' && LANG=C LC_ALL=C '\(QuireProcess.executable)'"
                + " --state /dev/null/none; echo \"exit=$?\" > '\(exit)'",
            remainOnExit: true)
        try tmux.waitFor("start-up in ASCII") { lines in
            lines.contains { $0.contains("Issues") && $0.contains("|") && $0.contains("1/3") }
                && !lines.contains { $0.contains("│") || $0.contains("loading") }
        }
        try tmux.send("l", "j", "j", "j", "l")
        try tmux.waitFor("the links") { $0.contains { $0.contains("Matters Of Scale") } }
        try tmux.send("q", "q", "q")
        try tmux.waitFor(format: "#{pane_dead}", toBe: "1")
        #expect(try String(contentsOfFile: exit, encoding: .utf8) == "exit=0\n")
    }

    @Test func hangUpWhileSavingKeepsEveryMarkAndTheFileParses() throws {
        let folder = NSTemporaryDirectory() + "quire-hup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = folder + "/state.json"
        for round in 0..<5 {
            let tmux = try TmuxSession(quire + " --state '\(state)'", remainOnExit: true)
            try tmux.waitForStartUp()
            try tmux.send("l", "j", "j", "j", "l")
            try tmux.waitFor("the links") {
                $0.contains { $0.contains("Links") && $0.contains("1/45") }
            }
            // Star link `round`, then read the next ten, and hang up while those are saved.
            for _ in 0..<round { try tmux.send("j") }
            try tmux.send("s")
            // Acknowledged: the status line says so (a ★ could be an earlier round's).
            try tmux.waitFor("the star") { $0.contains { $0.contains("marked 1 item starred") } }
            for _ in 0..<10 { try tmux.send("j", "r") }
            let pid = pid_t(try tmux.display("#{pane_pid}")) ?? 0
            #expect(kill(pid, SIGHUP) == 0)
            try tmux.waitFor(format: "#{pane_dead}", toBe: "1")
            let marks = try StateStore(path: state).load()
            let starred = marks.items.values.filter(\.starred).count
            #expect(starred == round + 1, "round \(round): \(starred) starred")
        }
    }
}
