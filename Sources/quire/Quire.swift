import ArgumentParser
import Foundation
import QuireCore
import QuireUI

/// The `quire` command line.
@main
struct Quire: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here: otherwise the parser derives the name from the type's, and that
        // lookup is a third of its start-up.
        commandName: "quire",
        abstract: "A keyboard-driven terminal reader for a reading backlog.",
        discussion: """
            quire loads a folder of documents — link newsletters, podcast show notes with \
            chapter markers, forum threads; in Markdown or text, saved web pages, RSS and \
            Atom feeds, or email (.eml, mbox, Maildir) — into one model of issues, sections \
            and links. The format and kind of each file are decided by its content, not \
            its name.

            With no PATH, quire reads the seeds/ folder of the checkout it was built from.

            EXIT STATUS
              0   every file loaded; for the reader, it was left with q
              1   some files could not be loaded (each is named on stderr with the reason,
                  or in the reader's status line); the others were still read and shown
              2   the reader cannot use the terminal: TERM unset, unknown or dumb, or not
                  a tty (`quire list` and `quire dump` need no terminal)
              64  the command line was wrong
            """,
        version: Quire.version,
        subcommands: [
            BrowseCommand.self, ListCommand.self, DumpCommand.self, StatsCommand.self,
            RenderCommand.self, MarkCommand.self, StateCommand.self, FilterCommand.self,
            SearchCommand.self, ExportCommand.self, ImportCommand.self, CacheCommand.self,
            ConfigCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )

    /// This build's version, as `quire --version` prints it.
    static let version = "0.8.0"

    /// Parses the command line and runs the command.
    ///
    /// `quire filter QUERY` is run in pipelines, often many times over: called with just
    /// a query it skips the argument parser, whose start-up (its protocol-conformance
    /// lookups, about 3 ms) is most of what filtering a small input costs. Anything else,
    /// `--help` included, goes through the parser.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == "filter", !arguments[1].hasPrefix("-") {
            Foundation.exit(FilterCommand.filter(arguments[1]))
        }
        main(nil)
    }
}

/// Paths shared by the commands that read a library.
struct LibraryOptions: ParsableArguments {
    @Argument(
        help:
            "Files or folders to read (default: the config's library, else the checkout's seeds/).")
    var paths: [String] = []

    @Flag(help: "Parse every file; neither read nor write the parsed-library cache.")
    var noCache = false

    @Option(help: "The config file (default: $XDG_CONFIG_HOME/quire/config.toml).")
    var config: String?

    /// The config file's settings (the defaults when it has a problem, which is kept).
    var settings: ConfigFile.Loaded { ConfigFile.load(named: config) }

    /// The paths to read: those given, else the library of `settings` (read only then),
    /// else the checkout's seeds.
    func resolvedPaths(_ settings: @autoclosure () -> ConfigFile.Loaded) -> [String] {
        if !paths.isEmpty { return paths }
        let library = settings().config.library
        return library.isEmpty ? [SeedsLocation.displayPath] : library
    }

    /// The parsed-library cache to use, unless `--no-cache`.
    var cache: LibraryCache? { noCache ? nil : CacheOptions.cache() }

    /// Reads the library, from the cache where it is current.
    func read() -> Library { Ingestor.load(resolvedPaths(settings), cache: cache) }

    /// Loads the library (through `cache`, by default the one the options name), printing
    /// one line per file that could not be loaded or loaded with a warning.
    func load(cache: LibraryCache?? = nil) -> Library {
        // The config matters here only for its library, when no path is given.
        let settings = paths.isEmpty ? self.settings : ConfigFile.Loaded()
        if let report = settings.report { StandardError.write("quire: \(report)\n") }
        let library = Ingestor.load(resolvedPaths(settings), cache: cache ?? self.cache)
        for failure in library.failures {
            StandardError.write("quire: \(TerminalText.sanitized(failure.description))\n")
        }
        for warning in library.warnings {
            StandardError.write("quire: \(TerminalText.sanitized(warning.description))\n")
        }
        return library
    }
}

/// Ends the process: status 1 when some files could not be loaded, else 0.
///
/// Exits while the library is still alive, so a large library is not taken apart object
/// by object just before the process ends (output is written unbuffered, so none is lost).
func finish(_ library: Library) -> Never {
    exit(library.failures.isEmpty ? 0 : 1)
}
