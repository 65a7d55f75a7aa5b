import Foundation
import QuireCore
import QuireUI

/// The checkout's seeds and small libraries for UI tests.
public enum Fixtures {
    /// The `seeds/` folder of this checkout.
    public static let seedsFolder = Checkout.path("seeds")

    /// The three seeds, loaded once, with paths relative to the checkout.
    public static let seeds: Library = {
        var library = Ingestor.load([seedsFolder])
        for index in library.issues.indices {
            let name = library.issues[index].path.split(separator: "/").last.map(String.init) ?? ""
            library.issues[index].path = "seeds/" + name
        }
        return library
    }()

    /// A library parsed from inline documents (path → text).
    public static func library(_ documents: [(String, String)]) -> Library {
        Library(issues: documents.map { Ingestor.parse(text: $0.1, path: $0.0) })
    }

    /// Runs the app on `library` at `size`, typing `keys`; returns the terminal and state.
    public static func drive(
        _ library: Library = seeds, size: Size, keys: String, events extra: [InputEvent] = []
    ) throws -> (terminal: ScriptedTerminal, state: AppState) {
        let events = try KeyScript.parse(keys).map { InputEvent.key($0) } + extra
        let terminal = ScriptedTerminal(size: size, events: events)
        let state = AppLoop().run(
            AppState(library: library, size: size), on: terminal,
            search: InlineSearchEngine(library: library))
        return (terminal, state)
    }
}
