import ArgumentParser
import Foundation
import QuireCore
import QuireUI

/// The config file: `--config FILE`, else `$XDG_CONFIG_HOME/quire/config.toml`, else
/// `~/.config/quire/config.toml`.
enum ConfigFile {
    /// The config file read when none is named.
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return base + "/quire/config.toml"
        }
        return home + "/.config/quire/config.toml"
    }

    static var home: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory()
    }

    /// What a start reads: the settings, and a problem to tell the user (then the
    /// settings are the defaults).
    struct Loaded {
        var config = Config()
        /// `config.toml:3: unknown action "mvoe-down"`.
        var problem: String?

        /// The problem as a start reports it, saying that the defaults are used.
        var report: String? { problem.map { TerminalText.sanitized($0) + "; using the defaults" } }
    }

    /// Reads `named` (from `--config`), else the default file when there is one.
    ///
    /// A file named but missing is a problem; the default file missing is the defaults.
    static func load(named: String?) -> Loaded {
        let path = named ?? defaultPath
        guard let data = FileManager.default.contents(atPath: path) else {
            if named == nil, !FileManager.default.fileExists(atPath: path) { return Loaded() }
            return Loaded(problem: "\(path): cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Loaded(problem: "\(path): not UTF-8 text")
        }
        switch Config.read(text, path: path, home: home) {
        case .success(let config): return Loaded(config: config)
        case .failure(let problem): return Loaded(problem: problem.description)
        }
    }
}

/// `quire config`: check the config file, or print where it is or a default one.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the config file, or print its path or a commented default one.",
        discussion: """
            The config file is $XDG_CONFIG_HOME/quire/config.toml (~/.config/quire/\
            config.toml), or the one --config names. It sets the library folders, keys, \
            colours, the browser, the URL schemes that open, the read policy and OSC 8 \
            hyperlinks; --print-default shows every setting with its default. Without an \
            option, checks the file: prints its path when it is fine, else the line of the \
            first mistake (status 1).
            """
    )

    @Option(help: "The config file (default: $XDG_CONFIG_HOME/quire/config.toml).")
    var config: String?

    @Flag(help: "Print a config file with every setting at its default, commented out.")
    var printDefault = false

    @Flag(help: "Print the path of the config file read.")
    var path = false

    func run() throws {
        if printDefault {
            StandardOutput.write(Config.defaultText)
            return
        }
        let file = config ?? ConfigFile.defaultPath
        if path {
            StandardOutput.write(file + "\n")
            return
        }
        guard FileManager.default.fileExists(atPath: file) else {
            StandardError.write(
                "quire: \(file): no config file (quire uses the defaults; quire config --print-default shows them)\n"
            )
            throw ExitCode(config == nil ? 0 : 1)
        }
        let loaded = ConfigFile.load(named: file)
        if let problem = loaded.problem {
            StandardError.write("quire: \(TerminalText.sanitized(problem))\n")
            throw ExitCode(1)
        }
        StandardOutput.write("\(file): fine\n")
    }
}
