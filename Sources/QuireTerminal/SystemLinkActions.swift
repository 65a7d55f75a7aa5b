import Dispatch
import Foundation
import QuireCore
import QuireUI

#if canImport(Glibc)
    import Glibc
#endif

/// Opens links in the user's browser and copies them with OSC 52.
///
/// A text browser (`w3m`, `lynx`…) gets the terminal: quire leaves curses mode, waits for
/// it and draws again. A graphical one (or `xdg-open`) is started in its own process group
/// and not waited for; its exit status and first line of errors are reported only when it
/// fails.
public final class SystemLinkActions: LinkActions, @unchecked Sendable {
    private let environment: [String: String]
    private let onReport: @Sendable () -> Void
    private let lock = PthreadLock()
    private let configuredBrowser: [String]?
    private var reports: [Action] = []
    private var tmux: TmuxClipboard?

    /// - Parameters:
    ///   - environment: `BROWSER`, `PATH`, `TMUX`, `STY` are read from it.
    ///   - browser: the config file's browser command, in place of `BROWSER`.
    ///   - onReport: called (from another thread) when a report is waiting: wake the loop.
    public init(
        environment: [String: String], browser: [String]? = nil,
        onReport: @escaping @Sendable () -> Void
    ) {
        self.environment = environment
        self.configuredBrowser = browser
        self.onReport = onReport
    }

    public func open(_ url: String, on backend: some TerminalBackend) -> String? {
        let find: (String) -> String? = { [environment] in
            BrowserCommand.search($0, path: environment["PATH"])
        }
        guard
            let browser = BrowserCommand.resolve(
                configured: configuredBrowser, environment: environment, find: find)
        else {
            if let configured = configuredBrowser?.first {
                return "the config's browser \(configured) is not found"
            }
            return "no browser found: set BROWSER (for example BROWSER=firefox or BROWSER=w3m)"
        }
        let arguments = browser.arguments(for: url)
        let name = arguments[0]
        if browser.isTextBrowser {
            var outcome: String?
            backend.suspend {
                switch ChildProcess.spawn(browser.executable, arguments, streams: .inherited) {
                case .success(let pid):
                    let status = ChildProcess.wait(pid)
                    if status != 0 { outcome = "\(name) exited with status \(status)" }
                case .failure(let error):
                    outcome = "cannot start \(name): \(error)"
                }
            }
            return outcome
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return "cannot start \(name): \(Errno(errno))" }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let started = ChildProcess.spawn(
            browser.executable, arguments, streams: .detached(output: nil, errors: ends[1]))
        close(ends[1])
        guard case .success(let pid) = started else {
            close(ends[0])
            if case .failure(let error) = started { return "cannot start \(name): \(error)" }
            return nil
        }
        let errors = ends[0]
        DispatchQueue.global().async { [self] in
            let text = ChildProcess.readAll(errors, limit: 4096)
            close(errors)
            let status = ChildProcess.wait(pid)
            guard status != 0 else { return }
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let detail = first.isEmpty ? "" : ": " + TerminalText.sanitized(first)
            lock.withLock {
                reports.append(.linkReport("\(name) failed (status \(status))\(detail)"))
            }
            onReport()
        }
        return nil
    }

    public func copy(_ text: String, what: String, on backend: some TerminalBackend) -> String {
        var wrapping = ClipboardSequence.Wrapping.none
        var doubt: String?
        if environment["TMUX"].map({ !$0.isEmpty }) == true {
            let options = lock.withLock {
                if tmux == nil { tmux = TmuxClipboard.query(path: environment["PATH"]) }
                return tmux!
            }
            if options.allowsPassthrough {
                wrapping = .tmux
            } else if !options.setsClipboard {
                doubt = "tmux has set-clipboard off"
            }
        } else if environment["STY"].map({ !$0.isEmpty }) == true {
            wrapping = .screen
        }
        let payload = ClipboardSequence.payload(for: text)
        if payload.utf8.count > ClipboardSequence.payloadLimit {
            doubt = "it is longer than terminals accept"
        }
        if doubt == nil || payload.utf8.count <= ClipboardSequence.payloadLimit {
            backend.writeControlSequence(ClipboardSequence.bytes(for: text, wrapping: wrapping))
        }
        if let doubt {
            return "the copy may not have arrived (\(doubt)); select it here: \(text)"
        }
        return "copied \(what) (OSC 52)"
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { reports = [] }
            return reports
        }
    }
}

/// What the tmux quire runs in does with OSC 52.
struct TmuxClipboard {
    /// `allow-passthrough` is on: a wrapped sequence reaches the outer terminal.
    var allowsPassthrough: Bool
    /// `set-clipboard` is `on` or `external`: tmux passes a plain OSC 52 on itself.
    var setsClipboard: Bool

    /// Asks the tmux server; tmux older than 3.3 has no `allow-passthrough` and passes
    /// everything through.
    static func query(path: String?) -> TmuxClipboard {
        guard let tmux = BrowserCommand.search("tmux", path: path) else {
            return TmuxClipboard(allowsPassthrough: false, setsClipboard: true)
        }
        func option(_ name: String) -> (String, Int32)? {
            ChildProcess.output(tmux, ["tmux", "show-options", "-gv", name]).map {
                ($0.0.trimmingCharacters(in: .whitespacesAndNewlines), $0.1)
            }
        }
        let passthrough = option("allow-passthrough")
        let clipboard = option("set-clipboard")
        return TmuxClipboard(
            allowsPassthrough: passthrough.map { $0.1 != 0 || $0.0 == "on" || $0.0 == "all" }
                ?? false,
            setsClipboard: clipboard.map { $0.0 != "off" } ?? true)
    }
}
