import QuireCore

/// What `config.toml` sets.
///
/// The library, keys, colours, the browser, which links open, when reading marks items
/// read, and OSC 8 hyperlinks. Every field has the default quire uses without a file.
///
/// Read by `Config.read(_:path:)`, which checks everything and names the line of the first
/// mistake; `Config.defaultText` is the commented file `quire config --print-default`
/// prints, and reads back as the defaults.
public struct Config: Equatable, Sendable {
    /// Folders and files opened when quire is given no PATH (`~` expanded, relative paths
    /// taken from the config file's folder); empty: the checkout's `seeds/`.
    public var library: [String] = []
    /// The key table, the defaults with the file's bindings applied.
    public var keymap: Keymap = .standard
    /// Colours and attributes per element, over the theme the terminal gets.
    public var theme = ThemeOverrides()
    /// The browser as an argument vector (`%s` is the URL, else it goes last); nil: from
    /// `$BROWSER`, else `xdg-open`.
    public var browser: [String]?
    /// The URL schemes `o` opens.
    public var schemes: Set<String> = LinkSafety.openableSchemes
    /// When reading marks items read.
    public var readPolicy: ReadPolicy = .explicit
    /// Whether links are OSC 8 hyperlinks.
    public var hyperlinks = true
    /// Whether clicks and the wheel work (off: the terminal selects text without Shift).
    public var mouse = true
    /// Words a minute, for reading times (CJK characters count as words).
    public var readingSpeed = ReadingTime.defaultWordsPerMinute

    public init() {}

    /// A mistake in a config file: where, and what is wrong.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var message: String

        /// `config.toml:3: unknown action "mvoe-down"`.
        public var description: String {
            line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
        }
    }

    /// The top-level keys, in the order the default file gives them.
    static let settings = [
        "library", "browser", "schemes", "read-policy", "reading-speed", "hyperlinks", "mouse",
        "keys", "theme",
    ]

    /// Reads a config file's text; `path` names it in problems and anchors relative
    /// library paths, `home` is where `~` leads.
    public static func read(_ text: String, path: String, home: String?) -> Result<Config, Problem>
    {
        let document: TOMLReader.Document
        switch TOMLReader.document(text) {
        case .success(let read): document = read
        case .failure(let failure):
            return .failure(Problem(path: path, line: failure.line, message: failure.message))
        }
        var reader = ConfigReader(document: document, path: path, home: home ?? "")
        do {
            return .success(try reader.config())
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(path: path, line: nil, message: "\(error)"))
        }
    }
}

/// Reads a checked TOML document into a `Config`, throwing the first `Problem`.
struct ConfigReader {
    let document: TOMLReader.Document
    let path: String
    let home: String

    func problem(_ message: String, at key: [String]) -> Config.Problem {
        Config.Problem(path: path, line: document.line(of: key), message: message)
    }

    mutating func config() throws -> Config {
        var config = Config()
        guard case .table(let entries) = document.root else { return config }
        for entry in entries {
            let key = [entry.key]
            switch entry.key {
            case "library":
                config.library = try strings(entry.value, at: key, what: "folders and files")
                    .map(resolve)
            case "browser":
                let words = try strings(entry.value, at: key, what: "the program and its arguments")
                guard let first = words.first, !first.isEmpty else {
                    throw problem("browser needs a program: [\"firefox\", \"--new-tab\"]", at: key)
                }
                config.browser = words
            case "schemes":
                config.schemes = Set(
                    try strings(entry.value, at: key, what: "URL schemes").map {
                        try scheme($0, at: key)
                    })
            case "read-policy":
                let text = try string(entry.value, at: key)
                guard let policy = ReadPolicy(text) else {
                    throw problem(
                        "read-policy is \"explicit\", \"open\" or \"after:N\" (seconds), not \"\(text)\"",
                        at: key)
                }
                config.readPolicy = policy
            case "hyperlinks":
                config.hyperlinks = try bool(entry.value, at: key)
            case "mouse":
                config.mouse = try bool(entry.value, at: key)
            case "reading-speed":
                guard case .literal(let text) = entry.value, let speed = Int(text),
                    (20...2_000).contains(speed)
                else {
                    throw problem(
                        "reading-speed is words a minute, a number from 20 to 2000", at: key)
                }
                config.readingSpeed = speed
            case "keys":
                config.keymap = try KeyBindingReader.apply(entry.value, at: key, reader: self)
            case "theme":
                config.theme = try themeOverrides(entry.value, at: key)
            default:
                throw problem(
                    "unknown setting \"\(entry.key)\" (settings: \(Config.settings.joined(separator: ", ")))",
                    at: key)
            }
        }
        return config
    }

    // MARK: Values

    func string(_ value: TOMLReader.Value, at key: [String]) throws -> String {
        guard case .string(let text) = value else {
            throw problem("\(key.joined(separator: ".")) must be text in quotes", at: key)
        }
        return text
    }

    func bool(_ value: TOMLReader.Value, at key: [String]) throws -> Bool {
        guard case .literal(let text) = value, text == "true" || text == "false" else {
            throw problem("\(key.joined(separator: ".")) must be true or false", at: key)
        }
        return text == "true"
    }

    func strings(_ value: TOMLReader.Value, at key: [String], what: String) throws -> [String] {
        if case .string(let one) = value { return [one] }
        guard case .array(let items) = value else {
            throw problem(
                "\(key.joined(separator: ".")) must be a list of \(what) in quotes", at: key)
        }
        return try items.map { item in
            guard case .string(let text) = item else {
                throw problem(
                    "\(key.joined(separator: ".")) must be a list of \(what) in quotes", at: key)
            }
            return text
        }
    }

    /// `~/x` under the home folder; a relative path from the config file's folder.
    func resolve(_ library: String) -> String {
        if library == "~" || library.hasPrefix("~/") {
            return home + library.dropFirst()
        }
        if library.hasPrefix("/") { return library }
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        return folder.isEmpty ? library : folder + "/" + library
    }

    /// Schemes that run code or reach into the machine are refused even when listed.
    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "data", "file"]

    func scheme(_ text: String, at key: [String]) throws -> String {
        var scheme = text.lowercased()
        if scheme.hasSuffix(":") { scheme.removeLast() }
        let bytes = Array(scheme.utf8)
        func isLetter(_ byte: UInt8) -> Bool { (97...122).contains(byte) }
        guard let first = bytes.first, isLetter(first),
            bytes.allSatisfy({ isLetter($0) || (48...57).contains($0) || "+-.".utf8.contains($0) })
        else {
            throw problem("\"\(text)\" is not a URL scheme (like https or gemini)", at: key)
        }
        guard !Self.unsafeSchemes.contains(scheme) else {
            throw problem(
                "\(scheme): links never open (they run code or read local files)", at: key)
        }
        return scheme
    }

    // MARK: Theme

    func themeOverrides(_ value: TOMLReader.Value, at key: [String]) throws -> ThemeOverrides {
        guard case .table(let entries) = value else {
            throw problem("theme must be a table: [theme] then one line per element", at: key)
        }
        var overrides = ThemeOverrides()
        for entry in entries {
            let key = key + [entry.key]
            guard let style = Style.allCases.first(where: { $0.description == entry.key }) else {
                throw problem(
                    "unknown element \"\(entry.key)\" (elements: \(Style.allCases.map(\.description).joined(separator: ", ")))",
                    at: key)
            }
            guard case .table(let fields) = entry.value else {
                throw problem(
                    "\(entry.key) must be a table: { fg = \"yellow\", bg = 236, bold = true }",
                    at: key)
            }
            var change = ThemeOverrides.Change()
            for field in fields {
                let fieldKey = key + [field.key]
                switch field.key {
                case "fg": change.foreground = try color(field.value, at: fieldKey)
                case "bg": change.background = try color(field.value, at: fieldKey)
                case "bold": change.bold = try bool(field.value, at: fieldKey)
                case "underline": change.underline = try bool(field.value, at: fieldKey)
                case "reverse": change.reverse = try bool(field.value, at: fieldKey)
                case "dim": change.dim = try bool(field.value, at: fieldKey)
                default:
                    throw problem(
                        "unknown field \"\(field.key)\" of \(entry.key) (fields: fg, bg, bold, underline, reverse, dim)",
                        at: fieldKey)
                }
            }
            overrides.changes[style] = change
        }
        return overrides
    }

    /// A colour: a palette index 0–255, a name, or "default" (the terminal's own).
    func color(_ value: TOMLReader.Value, at key: [String]) throws -> UInt8?? {
        switch value {
        case .literal(let text):
            guard let number = Int(text), (0...255).contains(number) else {
                throw problem("a colour number is 0 to 255, not \(text)", at: key)
            }
            return .some(UInt8(number))
        case .string(let name):
            let name = name.lowercased()
            if name == "default" { return .some(nil) }
            if let index = ThemeOverrides.colorNames.firstIndex(of: name) {
                return .some(UInt8(index))
            }
            throw problem(
                "unknown colour \"\(name)\" (a number 0 to 255, default, or \(ThemeOverrides.colorNames.joined(separator: ", ")))",
                at: key)
        default:
            throw problem("a colour is a number 0 to 255 or a name in quotes", at: key)
        }
    }
}

/// Changes the config makes to the terminal's theme, element by element: the fields given
/// replace the theme's, the rest are kept.
public struct ThemeOverrides: Equatable, Sendable {
    /// One element's changes; nil fields are the theme's.
    public struct Change: Equatable, Sendable {
        /// `.some(nil)`: the terminal's default colour.
        public var foreground: UInt8??
        public var background: UInt8??
        public var bold: Bool?
        public var underline: Bool?
        public var reverse: Bool?
        public var dim: Bool?

        public init() {}
    }

    public var changes: [Style: Change] = [:]

    public init() {}

    /// The 16 colours by name, in palette order.
    static let colorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
        "bright-magenta", "bright-cyan", "bright-white",
    ]
}

extension Theme {
    /// This theme with `overrides` applied.
    public func applying(_ overrides: ThemeOverrides) -> Theme {
        guard !overrides.changes.isEmpty else { return self }
        return Theme(name: name) { style in
            var attributes = self.attributes(for: style)
            guard let change = overrides.changes[style] else { return attributes }
            if let foreground = change.foreground { attributes.foreground = foreground }
            if let background = change.background { attributes.background = background }
            if let bold = change.bold { attributes.bold = bold }
            if let underline = change.underline { attributes.underline = underline }
            if let reverse = change.reverse { attributes.reverse = reverse }
            if let dim = change.dim { attributes.dim = dim }
            return attributes
        }
    }
}
