import ArgumentParser
import QuireCore

/// `quire dump`: the library as JSON, in the versioned contract of DESIGN.md.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the parsed library as JSON (format version \(LibraryDump.version))."
    )

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let loaded = library.load()
        StandardOutput.write(LibraryDump.json(loaded))
        finish(loaded)
    }
}
