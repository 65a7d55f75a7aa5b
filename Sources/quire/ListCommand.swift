import ArgumentParser
import QuireCore

/// `quire list`: a readable outline of the library.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print an outline: issues with kind, date and link count, then their sections."
    )

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let loaded = library.load()
        StandardOutput.write(LibraryOutline.text(loaded))
        finish(loaded)
    }
}
