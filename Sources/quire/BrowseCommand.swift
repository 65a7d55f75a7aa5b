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

    @Option(help: "Colour theme: 256, 8 or mono (default: from the terminal and NO_COLOR).")
    var theme: String?

    @OptionGroup var state: StateOptions

    @Option(help: .hidden) var frameLog: String?

    @Flag(help: .hidden) var exitAfterFirstFrame = false

    func validate() throws {
        if let theme, Theme.named(theme) == nil {
            throw ValidationError("--theme must be 256, 8 or mono")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try NcursesBackend.check(environment: environment)
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(2)
        }
        // Files that fail to load are named in the status line, not on stderr.
        let loaded = Ingestor.load(library.resolvedPaths)
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(
                environment: environment, theme: theme.flatMap(Theme.named))
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(2)
        }
        var state = AppState(library: loaded, size: backend.size, glyphs: backend.glyphs)
        do {
            state.marks = try self.state.store.load()
        } catch {
            // Never written over; the marks are simply not shown.
            state.message = "\(error); marks not shown (--state FILE uses another file)"
        }
        let timer = FrameTimer(logPath: frameLog)
        _ = AppLoop().run(
            state, on: backend, onEvent: { _ in timer.eventArrived() },
            onFrame: { _ in
                timer.frameShown()
                return !exitAfterFirstFrame
            })
        timer.close()
        backend.restore()
        Foundation.exit(0)
    }
}
