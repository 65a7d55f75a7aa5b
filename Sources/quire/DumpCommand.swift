import ArgumentParser
import QuireCore

/// `quire dump`: the library as JSON, in its versioned contract (README.md, "`quire dump`
/// format").
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the parsed library as JSON (format version \(LibraryDump.version))."
    )

    @Option(
        name: .customLong("format-version"),
        help: ArgumentHelp(
            "Fail unless the output is this format version (a script's guard).",
            valueName: "N"))
    var formatVersion: Int?

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard let formatVersion, formatVersion != LibraryDump.version else { return }
        if formatVersion == 1 {
            throw ValidationError(
                "quire dump writes format version 2, not 1: issues gained show, episode and "
                    + "duration; sections end, author, posted, number and reactions; links "
                    + "quoted. Fields of version 1 keep their meaning (see README).")
        }
        throw ValidationError(
            "quire dump writes format version \(LibraryDump.version), not \(formatVersion)")
    }

    func run() throws {
        let loaded = library.load()
        StandardOutput.write(LibraryDump.json(loaded))
        finish(loaded)
    }
}
