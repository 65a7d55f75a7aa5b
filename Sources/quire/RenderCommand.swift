import ArgumentParser
import QuireCore
import QuireUI

/// `quire render`: the reader without a terminal, printing the final screen.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run the reader headless with the given keys and print the final screen.",
        discussion: """
            Keys are typed as in the reader; special keys are written in angle brackets: \
            <Up> <Down> <Left> <Right> <Home> <End> <PgUp> <PgDn> <Tab> <S-Tab> <Enter> \
            <Esc> <Space> <C-d> <lt>. Example: quire render --size 120x40 --keys 'l<Down><Down>'
            """
    )

    @Option(help: "Screen size as COLUMNSxROWS (default 80x24).", transform: OptionValues.size)
    var size: Size?

    @Option(help: "Keys to press before printing the screen.")
    var keys: String = ""

    @Flag(help: "Print colours and attributes as ANSI escape sequences.")
    var ansi = false

    @Option(help: "Theme for --ansi: 256, 8 or mono (default 256).", transform: OptionValues.theme)
    var theme: Theme?

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        do { _ = try KeyScript.parse(keys) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let screenSize = size ?? Size(columns: 80, rows: 24)
        let loaded = library.read()
        let terminal = ScriptedTerminal(size: screenSize, keys: try KeyScript.parse(keys))
        _ = AppLoop().run(
            AppState(library: loaded, size: screenSize), on: terminal,
            search: InlineSearchEngine(library: loaded))
        if ansi {
            StandardOutput.write(ANSIText.render(terminal.screen, theme: theme ?? .color256))
        } else {
            let lines = terminal.screen.lines().map { line in
                String(line.reversed().drop(while: { $0 == " " }).reversed())
            }
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
        finish(loaded)
    }
}
