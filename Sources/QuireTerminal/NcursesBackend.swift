import CNcursesw
import QuireCore
import QuireUI

#if canImport(Glibc)
    import Glibc
#endif

/// Why the terminal cannot be used; quire prints this in one line and exits with status 2.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The real terminal, through ncursesw: reads keys and resizes, draws buffers.
///
/// Only cells that changed since the last frame are written, and ncurses sends only what
/// differs on screen, so a cursor move costs a few dozen bytes over SSH. `restore()` runs
/// on every way out: quit, SIGTERM/SIGHUP/SIGINT (via `SignalWatcher`), and errors.
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: Size
    /// ASCII fallbacks when the locale is not UTF-8.
    public let glyphs: Glyphs
    public let theme: Theme
    private let isUTF8: Bool
    private let screenPointer: OpaquePointer
    private var previous: ScreenBuffer?
    private var styles: [(attributes: attr_t, pair: Int16)] = []
    /// Each style's SGR sequence, for the cells rewritten inside OSC 8 hyperlinks.
    private var renditions: [[UInt8]] = []
    private let showsHyperlinks: Bool
    /// Wakes `nextEvent` from another thread (search results, signals).
    public let waker = Waker()
    private let signals: SignalWatcher
    private var restored = false

    /// Checks that `TERM` names a terminal ncurses knows and that both ends are a tty,
    /// without touching the screen.
    public static func check(environment: [String: String]) throws {
        guard let term = environment["TERM"], !term.isEmpty else {
            throw TerminalUnavailable(
                description: "TERM is not set; quire needs a terminal (try TERM=xterm-256color)")
        }
        guard term != "dumb" else {
            throw TerminalUnavailable(
                description:
                    "TERM=dumb cannot show quire's screen; use `quire list` or `quire dump`")
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalUnavailable(
                description:
                    "standard input and output must be a terminal; use `quire list` or `quire dump`"
            )
        }
        guard quire_terminal_known(term) == 1 else {
            throw TerminalUnavailable(description: "unknown terminal type TERM=\(term)")
        }
    }

    /// Takes over the terminal: alternate screen, no echo, keypad, hidden cursor, colours.
    ///
    /// - Parameters:
    ///   - theme: the theme to use; nil: one for the terminal's colours and `NO_COLOR`.
    ///   - restyle: the config's changes, applied over the theme.
    ///   - hyperlinks: whether links become OSC 8 hyperlinks (where the terminal can).
    ///   - mouse: whether to ask the terminal for button and wheel reports (the terminal
    ///     then selects text only with Shift held).
    public init(
        environment: [String: String], theme chosen: Theme? = nil,
        restyle: ThemeOverrides = ThemeOverrides(), hyperlinks: Bool = true, mouse: Bool = true
    ) throws {
        try NcursesBackend.check(environment: environment)
        signals = SignalWatcher(onSignal: { [waker] in waker.wake() })
        // A parent may have started us with signals blocked; resize and hang-up must arrive.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for number in [SIGWINCH, SIGHUP, SIGTERM, SIGINT] { sigaddset(&wanted, number) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        setlocale(LC_ALL, "")
        let codeset = String(cString: quire_codeset())
        isUTF8 = codeset.uppercased() == "UTF-8" || codeset.uppercased() == "UTF8"
        glyphs = isUTF8 ? .unicode : .ascii
        // The Linux console has no hyperlinks; elsewhere an OSC 8 a terminal does not know
        // is ignored.
        showsHyperlinks = hyperlinks && isUTF8 && environment["TERM"] != "linux"
        guard let screen = newterm(nil, quire_stdout(), quire_stdin()) else {
            throw TerminalUnavailable(
                description: "cannot open the terminal (TERM=\(environment["TERM"] ?? ""))")
        }
        screenPointer = screen
        _ = set_term(screen)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = intrflush(quire_stdscr(), false)
        _ = keypad(quire_stdscr(), true)
        _ = curs_set(0)
        _ = set_escdelay(25)
        if mouse {
            // Presses only, reported at once: quire tells a double click from two clicks
            // itself (by item and time), so a single click is not held back to wait.
            _ = mousemask(
                quire_button1_pressed | quire_button4_pressed | quire_button5_pressed, nil)
            _ = mouseinterval(0)
        }
        var colors = 0
        if has_colors() {
            _ = start_color()
            _ = use_default_colors()
            colors = Int(quire_colors())
        }
        theme =
            (chosen
            ?? Theme.choose(
                colors: colors, noColor: environment["NO_COLOR"].map { !$0.isEmpty } ?? false))
            .applying(restyle)
        size = Size(columns: Int(quire_columns()), rows: Int(quire_lines()))
        styles = Style.allCases.enumerated().map { index, style in
            let a = theme.attributes(for: style)
            var attributes = quire_attr_normal
            if a.bold { attributes |= quire_attr_bold }
            if a.dim { attributes |= quire_attr_dim }
            if a.underline { attributes |= quire_attr_underline }
            if a.reverse { attributes |= quire_attr_reverse }
            var pair: Int16 = 0
            if colors > 0, a.foreground != nil || a.background != nil {
                pair = Int16(index + 1)
                let limit = colors
                let fg = a.foreground.map { Int16(Int($0) < limit ? Int($0) : Int($0) % 8) } ?? -1
                let bg = a.background.map { Int16(Int($0) < limit ? Int($0) : Int($0) % 8) } ?? -1
                _ = init_pair(pair, fg, bg)
            }
            return (attributes, pair)
        }
        renditions = Style.allCases.map { style in
            NcursesBackend.rendition(theme.attributes(for: style), colors: colors)
        }
    }

    deinit { restore() }

    /// The next key or resize; nil when the time is up or `waker` was woken.
    ///
    /// Keys ncurses has already read are taken first; then it sleeps in `poll` on the
    /// terminal and the waker's pipe, so results from another thread show at once.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        while true {
            if signals.pending != nil { return .terminate }
            wtimeout(quire_stdscr(), 0)
            var value: wint_t = 0
            let status = wget_wch(quire_stdscr(), &value)
            if signals.pending != nil { return .terminate }
            let event = NcursesKeyDecoder.decode(
                status: status, value: value, size: currentSize,
                mouse: {
                    var report = MEVENT()
                    guard getmouse(&report) == OK else { return nil }
                    return NcursesKeyDecoder.decodeMouse(
                        buttons: report.bstate, x: report.x, y: report.y)
                })
            if let event {
                if case .resize(let newSize) = event { size = newSize }
                return event
            }
            if waker.drain() { return nil }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let elapsed =
                (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1_000_000
            guard elapsed < timeoutMilliseconds else { return nil }
            var descriptors = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: waker.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, Int32(timeoutMilliseconds - elapsed))
            // The terminal hung up or closed: leave rather than spin on read errors.
            if ready > 0, descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                return .terminate
            }
        }
    }

    private func currentSize() -> Size {
        Size(columns: Int(quire_columns()), rows: Int(quire_lines()))
    }

    public func present(_ buffer: ScreenBuffer, everything: Bool) {
        guard !restored else { return }
        var redrawAll = everything || previous?.size != buffer.size
        if buffer.size != size { redrawAll = true }
        if redrawAll { _ = clearok(quire_stdscr(), true) }
        let columns = buffer.size.columns
        let visibleColumns = min(columns, Int(quire_columns()))
        let visibleRows = min(buffer.size.rows, Int(quire_lines()))
        let changed = redrawAll ? Array(buffer.cells.indices) : buffer.changedCells(since: previous)
        var cell = cchar_t()
        for index in changed {
            let x = index % columns
            let y = index / columns
            guard x < visibleColumns, y < visibleRows else { continue }
            let value = buffer.cells[index]
            if value.width == 0 {
                // The right half of a wide character; drawn with its left half, or in ASCII mode.
                if !isUTF8 { draw([0x3F], value.style, x: x, y: y, into: &cell) }
                continue
            }
            if value.width == 2, x + 1 >= visibleColumns { continue }
            if !isUTF8 {
                let ascii = value.text.allSatisfy(\.isASCII)
                let scalars = ascii ? value.text.unicodeScalars.prefix(4).map(\.value) : [0x3F]
                draw(scalars, value.style, x: x, y: y, into: &cell)
                continue
            }
            let glyph = TerminalGlyph(value)
            draw(glyph.scalars, value.style, x: x, y: y, into: &cell)
            if let filler = glyph.filler {
                draw([filler], value.style, x: x + 1, y: y, into: &cell)
            }
        }
        _ = wnoutrefresh(quire_stdscr())
        _ = doupdate()
        if showsHyperlinks, !buffer.hyperlinks.isEmpty {
            writeHyperlinks(
                buffer, changed: changed, all: redrawAll,
                before: previous?.hyperlinks ?? [],
                visible: Size(columns: visibleColumns, rows: visibleRows))
        }
        previous = buffer
    }

    /// Rewrites the cells of each hyperlink that ncurses just drew (or that is new) in OSC 8.
    ///
    /// Between DECSC and DECRC, so the cursor and rendition ncurses believes in are
    /// the terminal's again afterwards. The cells are the same text in the same style:
    /// what the user sees does not change, it becomes clickable.
    private func writeHyperlinks(
        _ buffer: ScreenBuffer, changed: [Int], all: Bool, before: [Hyperlink], visible: Size
    ) {
        var dirty = [Bool](repeating: all, count: buffer.cells.count)
        if !all { for index in changed { dirty[index] = true } }
        var out: [UInt8] = []
        for link in buffer.hyperlinks where link.y < visible.rows && link.x < visible.columns {
            let first = link.y * buffer.size.columns + link.x
            let end = min(link.x + link.width, visible.columns) - link.x + first
            guard all || !before.contains(link) || dirty[first..<end].contains(true) else {
                continue
            }
            out += Array("\u{1B}7\u{1B}[\(link.y + 1);\(link.x + 1)H".utf8)
            out += Array("\u{1B}]8;;\(TerminalText.sanitized(link.url))\u{1B}\\".utf8)
            var style: Style?
            for index in first..<end {
                let cell = buffer.cells[index]
                if cell.width == 0 { continue }
                if cell.style != style {
                    style = cell.style
                    out += renditions[Int(cell.style.rawValue)]
                }
                out += TerminalGlyph(cell).utf8
            }
            out += Array("\u{1B}]8;;\u{1B}\\\u{1B}8".utf8)
        }
        if !out.isEmpty { writeControlSequence(out) }
    }

    /// The SGR sequence for a style's attributes, colours mapped as `init_pair` got them.
    static func rendition(_ a: Attributes, colors: Int) -> [UInt8] {
        var codes = ["0"]
        if a.bold { codes.append("1") }
        if a.dim { codes.append("2") }
        if a.underline { codes.append("4") }
        if a.reverse { codes.append("7") }
        func color(_ value: UInt8?, base: Int) -> String? {
            guard colors > 0, let value else { return nil }
            let n = Int(value) < colors ? Int(value) : Int(value) % 8
            if n < 8 { return "\(base + n)" }
            if n < 16, colors >= 16 { return "\(base + 60 + n - 8)" }
            return "\(base + 8);5;\(n)"
        }
        if let fg = color(a.foreground, base: 30) { codes.append(fg) }
        if let bg = color(a.background, base: 40) { codes.append(bg) }
        return Array("\u{1B}[\(codes.joined(separator: ";"))m".utf8)
    }

    private func draw(_ scalars: [UInt32], _ style: Style, x: Int, y: Int, into cell: inout cchar_t)
    {
        var characters = scalars.map { wchar_t(bitPattern: $0) }
        characters.append(0)
        let (attributes, pair) = styles[Int(style.rawValue)]
        _ = setcchar(&cell, characters, attributes, pair, nil)
        _ = wmove(quire_stdscr(), Int32(y), Int32(x))
        _ = wadd_wch(quire_stdscr(), &cell)
    }

    /// Gives the terminal to `body` in the state quire found it (a text browser runs in it).
    ///
    /// Then takes it back and draws the next frame whole. A Ctrl-C meant for the browser
    /// reaches quire too (one process group); it is not taken as a request to quit.
    public func suspend(_ body: () -> Void) {
        guard !restored else { return body() }
        _ = def_prog_mode()
        _ = endwin()
        fflush(quire_stdout())
        body()
        signals.forget(SIGINT)
        _ = reset_prog_mode()
        previous = nil
        _ = clearok(quire_stdscr(), true)
        size = currentSize()
    }

    /// Writes `bytes` after everything ncurses has buffered, through the same stream.
    public func writeControlSequence(_ bytes: [UInt8]) {
        guard !restored else { return }
        let out = quire_stdout()
        fflush(out)
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, out) }
        fflush(out)
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        _ = mousemask(0, nil)
        _ = curs_set(1)
        _ = endwin()
        delscreen(screenPointer)
        fflush(quire_stdout())
    }
}
