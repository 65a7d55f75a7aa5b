import ArgumentParser
import Foundation
import QuireCore
import QuireTerminal
import QuireUI

/// `quire [PATH ...]`: the terminal reader.
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the terminal reader (the default command)."
    )

    @OptionGroup var library: LibraryOptions

    @Option(
        help: "Colour theme: 256, 8 or mono (default: from the terminal and NO_COLOR).",
        transform: OptionValues.theme)
    var theme: Theme?

    @OptionGroup var state: StateOptions

    @Option(
        help:
            "When reading marks items read: explicit (r, R, Space at a section's end), open (also Enter), or after:N (also a section shown N seconds); default: the config's read-policy, else explicit"
    )
    var readPolicy: ReadPolicy?

    @Flag(help: "Do not make links OSC 8 hyperlinks (for terminals that show them wrongly).")
    var noHyperlinks = false

    @Flag(help: "Leave the mouse to the terminal (no clicks or wheel in quire).")
    var noMouse = false

    @Flag(help: "Do not follow the library's folders (Ctrl-R still reads them again).")
    var noWatch = false

    @Option(help: .hidden) var frameLog: String?

    /// Milliseconds from each mark being handed to the saver to its fsync, one a line.
    @Option(help: .hidden) var saveLog: String?

    @Flag(help: .hidden) var exitAfterFirstFrame = false

    /// Ends at the first frame that shows the whole library (benchmarks).
    @Flag(help: .hidden) var exitWhenLoaded = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try NcursesBackend.check(environment: environment)
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(2)
        }
        let settings = library.settings
        let config = settings.config
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(
                environment: environment, theme: theme, restyle: config.theme,
                hyperlinks: !noHyperlinks && config.hyperlinks, mouse: config.mouse && !noMouse)
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(2)
        }
        // The library is read while the first frames are drawn; files that fail to load
        // are named in the status line, not on stderr.
        let loader = BackgroundLibraryLoader(
            paths: library.resolvedPaths(settings),
            cache: library.noCache ? nil : CacheOptions.cache(remembering: true), watch: !noWatch,
            onReport: { [waker = backend.waker] in waker.wake() })
        var state = AppState(
            library: Library(), size: backend.size, glyphs: backend.glyphs,
            keymap: config.keymap, loading: Loading())
        state.readPolicy = readPolicy ?? config.readPolicy
        state.openableSchemes = config.schemes
        state.wordsPerMinute = config.readingSpeed
        // A mistake in the config file: said at once, and again on leaving.
        state.message = settings.report
        let store = self.state.store
        // The state file is read on the saver's queue while the first frame is drawn; marks
        // made before it arrives are merged with it, newest first.
        let saver = StateSaver(
            store: store, loadsFirst: true, onReport: { [waker = backend.waker] in waker.wake() })
        state.marksLoading = true
        if let saveLog {
            _ = FileManager.default.createFile(atPath: saveLog, contents: nil)
            let log = FileHandle(forWritingAtPath: saveLog)
            saver.onSaved = { milliseconds in
                log?.write(Data(String(format: "%.3f\n", milliseconds).utf8))
            }
        }
        let timer = FrameTimer(logPath: frameLog)
        let final = AppLoop().run(
            state, on: backend, effects: saver,
            search: BackgroundSearchEngine(
                library: state.library, complete: false, wordsPerMinute: config.readingSpeed,
                onResults: { [waker = backend.waker] in waker.wake() }),
            links: SystemLinkActions(
                environment: environment, browser: config.browser,
                onReport: { [waker = backend.waker] in waker.wake() }),
            loader: loader,
            clock: { Int(Date().timeIntervalSince1970) },
            milliseconds: { Int(DispatchTime.now().uptimeNanoseconds / 1_000_000) },
            onEvent: { _ in timer.eventArrived() },
            onFrame: {
                timer.frameShown()
                return !exitAfterFirstFrame && !(exitWhenLoaded && $0.loading == nil)
            })
        timer.close()
        backend.restore()
        saver.flush()
        if let report = settings.report { StandardError.write("quire: \(report)\n") }
        if saver.hasPending, !saver.isUnusable {
            StandardError.write("quire: could not save the latest marks to \(store.path)\n")
        }
        // As the help says: 1 when some files could not be loaded (the status line named
        // them), as for the other commands.
        Foundation.exit(final.library.failures.isEmpty ? 0 : 1)
    }
}

extension ReadPolicy: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
