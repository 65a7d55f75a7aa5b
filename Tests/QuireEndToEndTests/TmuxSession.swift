import Foundation
import QuireTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server running one command, for tests that drive the real binary.
///
/// Each session has its own socket (`-L`), no user config (`-f /dev/null`), and is killed
/// when the test ends. Reads poll `capture-pane` until a condition holds or a deadline
/// passes; nothing sleeps and then asserts.
final class TmuxSession {
    static let isAvailable: Bool = {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }()

    let socket: String
    private(set) var lastCapture: [String] = []

    /// How long a wait lasts by default: 10 s, and three times that in a sanitizer build
    /// (QUIRE_SANITIZER, set by scripts/sanitize), where quire runs several times slower
    /// beside the other suites on two cores.
    static let patience: Double =
        ProcessInfo.processInfo.environment["QUIRE_SANITIZER"] == nil ? 10 : 30

    /// Starts `command` (run by the shell) in a `columns`×`rows` window.
    init(_ command: String, columns: Int = 120, rows: Int = 40, remainOnExit: Bool = false) throws {
        socket = "quire-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        var arguments = [
            "-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s",
            "main",
        ]
        arguments += ["-e", "LANG=C.UTF-8", "-e", "LC_ALL=C.UTF-8", "-e", "TERM=tmux-256color"]
        arguments += ["-e", "XDG_CACHE_HOME=\(Checkout.cacheHome)"]
        arguments += ["-e", "XDG_CONFIG_HOME=\(Checkout.configHome)"]
        arguments.append(command)
        // The server tmux starts keeps its inherited descriptors: give it none of ours.
        try tmux(arguments, captureOutput: false)
        if remainOnExit { try tmux(["set-option", "-t", "main", "remain-on-exit", "on"]) }
    }

    deinit { try? kill() }

    /// Ends the server, closing the terminal of everything running in it.
    func kill() throws { try tmux(["kill-server"]) }

    /// `send-keys`: tmux key names (`Enter`, `Down`, `C-l`) or characters.
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Records everything the pane's program writes to its terminal into `file`
    /// (`pipe-pane`): the raw bytes, escape sequences included.
    func record(into file: String) throws {
        try Data().write(to: URL(fileURLWithPath: file))
        try tmux(["pipe-pane", "-o", "-t", "main", "cat >> '\(file)'"])
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The screen's rows now.
    func capture() throws -> [String] {
        let text = try tmux(["capture-pane", "-p", "-t", "main"])
        lastCapture = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lastCapture
    }

    /// Types a mouse report into the pane as a terminal sends it.
    ///
    /// The X10 form `\e[M`
    /// with the button and the 1-based cell as bytes from 32; what `kmous` says for
    /// tmux-256color): `button` 0 is the left press, 64 and 65 the wheel up and down;
    /// `x` and `y` count from 0. A left press is followed by its release (button 3), as a
    /// terminal sends a click.
    func mouse(_ button: Int, x: Int, y: Int) throws {
        var bytes = [27, 91, 77, 32 + button, 33 + x, 33 + y]
        if button == 0 { bytes += [27, 91, 77, 32 + 3, 33 + x, 33 + y] }
        try tmux(
            [
                "send-keys", "-t", "main", "-l",
                String(decoding: bytes.map(UInt8.init), as: UTF8.self),
            ]
        )
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func captureStyled() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "main"])
    }

    /// A tmux format evaluated for the pane (`#{alternate_on}`).
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Waits until quire is up with its library read: the issues pane listing something
    /// (`Issues … 1/3`), and a status line without a `loading` count (keys sent earlier act
    /// on the part of the library read so far).
    ///
    /// The status line must be there: a capture can fall in the middle of the first
    /// frame, whose rows are written top to bottom, and see its pane titles over a status
    /// line not yet written; the titles of an empty library read `Issues 0`.
    func waitForStartUp(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("start-up, the library read", sourceLocation: sourceLocation) { lines in
            // The bottom row is the status line (`capture-pane` ends with an empty line).
            let rows = lines.last == "" ? lines.dropLast() : lines[...]
            let status = rows.last?.trimmingCharacters(in: .whitespaces) ?? ""
            return lines.contains { $0.contains(/Issues +[0-9,]+\/[0-9,]+/) }
                && !status.isEmpty && !lines.contains { $0.contains("loading") }
        }
    }

    /// Polls until `condition` holds on the screen; records the last screen if it never does.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = patience,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: ([String]) -> Bool
    ) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(try capture()) { return true }
            usleep(20_000)
        }
        Issue.record(
            "timed out waiting for \(what); last screen:\n\(lastCapture.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return false
    }

    /// Polls a format until it equals `expected`.
    @discardableResult
    func waitFor(
        format: String, toBe expected: String, timeout: Double = patience,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try display(format)
            if last == expected { return true }
            usleep(20_000)
        }
        Issue.record(
            "\(format) stayed \(last), expected \(expected)", sourceLocation: sourceLocation)
        return false
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's `Process` can miss the exit of
    /// a client whose server daemonises, and then waits forever.
    @discardableResult
    private func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket] + arguments
        var pipe: [Int32] = [-1, -1]
        if captureOutput, Glibc.pipe(&pipe) != 0 { throw TmuxFailure(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addclose(&actions, pipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        // The test runner's threads block signals; tmux and what it runs must not inherit
        // that mask, or the app under test would never see SIGWINCH or SIGHUP.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGWINCH, SIGHUP, SIGTERM, SIGINT, SIGPIPE, SIGCHLD] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let status = posix_spawnp(&pid, "tmux", &actions, &attributes, cArguments, environ)
        if captureOutput { close(pipe[1]) }
        guard status == 0 else {
            if captureOutput { close(pipe[0]) }
            throw TmuxFailure(description: "cannot run tmux: \(status)")
        }
        var output: [UInt8] = []
        if captureOutput {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(pipe[0], &chunk, chunk.count)
                if count <= 0 { break }
                output += chunk[0..<count]
            }
            close(pipe[0])
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0, errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    var description: String
}
