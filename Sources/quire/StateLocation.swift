import ArgumentParser
import Foundation
import QuireCore

/// Where the state file is: `--state FILE`, else `QUIRE_STATE`, else
/// `$XDG_STATE_HOME/quire/state.json`, else `~/.local/state/quire/state.json`.
struct StateOptions: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help:
            "The read/starred state file (default: $QUIRE_STATE, else $XDG_STATE_HOME/quire/state.json)."
    )
    var stateFile: String?

    var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let stateFile { return stateFile }
        if let path = environment["QUIRE_STATE"], !path.isEmpty { return path }
        if let base = environment["XDG_STATE_HOME"], base.hasPrefix("/") {
            return base + "/quire/state.json"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/quire/state.json"
    }

    var store: StateStore { StateStore(path: path) }
}
