import QuireCore

extension Action {
    /// The name a config file binds the action by (`move-down`); nil for actions no key
    /// gives (reports, results, resizes).
    public var bindingName: String? {
        switch self {
        case .moveDown: "move-down"
        case .moveUp: "move-up"
        case .top: "top"
        case .bottom: "bottom"
        case .pageDown: "page-down"
        case .pageUp: "page-up"
        case .halfPageDown: "half-page-down"
        case .halfPageUp: "half-page-up"
        case .focusNext: "next-pane"
        case .focusPrevious: "previous-pane"
        case .open: "open"
        case .pageReader: "page-reader"
        case .openLink: "open-link"
        case .openSectionLinks: "open-section-links"
        case .copyURL: "copy-url"
        case .copyMarkdownLink: "copy-markdown-link"
        case .toggleRead: "toggle-read"
        case .markPaneRead: "mark-pane-read"
        case .toggleStar: "toggle-star"
        case .undo: "undo"
        case .cycleFilter: "cycle-filter"
        case .nextUnreadOrHit: "next"
        case .previousUnreadOrHit: "previous"
        case .beginSearch: "start-search"
        case .toggleHelp: "toggle-help"
        case .back: "back"
        case .redraw: "redraw"
        case .reload: "reload"
        case .searchDeleteBackward: "delete-character"
        case .searchDeleteWord: "delete-word"
        case .searchClear: "clear-query"
        case .selectHit(by: 1): "next-hit"
        case .selectHit(by: -1): "previous-hit"
        case .selectHit(by: 10): "ten-hits-down"
        case .selectHit(by: -10): "ten-hits-up"
        case .selectHit(by: Int.min / 2): "first-hit"
        case .selectHit(by: Int.max / 2): "last-hit"
        case .commitSearch: "go-to-hit"
        case .cancelSearch: "cancel-search"
        case .helpPage(by: 1): "next-help-page"
        case .helpPage(by: -1): "previous-help-page"
        case .confirm: "yes"
        default: nil
        }
    }
}

extension Key {
    /// The key's name in a config file: `j`, `Ctrl-d`, `Down`, `PgDn`, `Space` (the help's
    /// names, but arrows spelled out).
    public var configName: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: description
        }
    }

    /// Names of keys that are not one character, lowercased.
    private static let named: [String: Key] = [
        "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left,
        "right": .right, "→": .right, "home": .home, "end": .end, "pgup": .pageUp,
        "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "enter": .enter, "return": .enter,
        "esc": .escape, "escape": .escape, "backspace": .backspace, "space": .char(" "),
    ]

    /// Why a name in a config file is not a key.
    struct NameProblem: Error {
        var message: String
    }

    /// The key a config file names, or why the name is not one.
    static func parse(configName name: String) -> Result<Key, NameProblem> {
        if name.count == 1, let character = name.first {
            return character.isWhitespace
                || character.unicodeScalars.contains(where: {
                    $0.properties.generalCategory == .control
                })
                ? .failure(
                    NameProblem(message: "\"\(name)\" is not a key (write Space, Tab or Enter)"))
                : .success(.char(character))
        }
        let lower = name.lowercased()
        if let key = named[lower] { return .success(key) }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else {
                break
            }
            // What a terminal sends for these is another key's code.
            let same: [Character: String] = [
                "h": "Backspace", "i": "Tab", "j": "Enter", "m": "Enter",
            ]
            if let other = same[letter] {
                return .failure(
                    NameProblem(
                        message: "Ctrl-\(letter) reaches quire as \(other); bind \(other) instead"))
            }
            return .success(.ctrl(letter))
        }
        return .failure(
            NameProblem(
                message:
                    "\"\(name)\" is not a key (a character, Ctrl-a to Ctrl-z, Up, Down, Left, Right, Home, End, PgUp, PgDn, Tab, Shift-Tab, Enter, Esc, Backspace or Space)"
            ))
    }
}

/// The `[keys]` table of a config file applied to the default key table.
///
/// `[keys]` binds in the lists and the reader; `[keys.lists]`, `[keys.reader]`,
/// `[keys.search]`, `[keys.help]`, `[keys.confirmation]` and `[keys.global]` in one
/// context. A binding replaces the action's keys there; a key it takes is taken from the
/// default that had it; two bindings of the file giving one key in one context, an
/// unknown action, or one that has no key in that context, are problems.
enum KeyBindingReader {
    /// The tables under `[keys]`: a context each.
    static let sections: [(name: String, context: KeyContext)] = [
        ("lists", .lists), ("reader", .reader), ("search", .search), ("help", .help),
        ("confirmation", .confirmation), ("global", .global),
    ]

    /// One context's share of a row of the key table.
    private struct Piece {
        var context: KeyContext
        var keys: [Key]
        var fromFile = false
    }

    static func apply(_ value: TOMLReader.Value, at key: [String], reader: ConfigReader) throws
        -> Keymap
    {
        let standard = Keymap.standard
        guard case .table(let entries) = value else {
            throw reader.problem("keys must be a table: [keys] then action = [\"key\", …]", at: key)
        }
        var pieces = standard.bindings.map { row in
            row.contexts.sorted().map { Piece(context: $0, keys: row.keys) }
        }
        // Which binding of the file gives each key in each context.
        var claims: [KeyContext: [Key: (action: String, line: Int?)]] = [:]

        func bind(
            _ entry: TOMLReader.Entry, in contexts: Set<KeyContext>, table: String,
            at path: [String]
        )
            throws
        {
            let line = reader.document.line(of: path)
            var keys: [Key] = []
            for name in try reader.strings(entry.value, at: path, what: "keys") {
                switch Key.parse(configName: name) {
                case .success(let key): if !keys.contains(key) { keys.append(key) }
                case .failure(let problem): throw reader.problem(problem.message, at: path)
                }
            }
            var found = false
            for (row, binding) in standard.bindings.enumerated() {
                guard case .action(let action) = binding.command, action.bindingName == entry.key
                else { continue }
                for index in pieces[row].indices where contexts.contains(pieces[row][index].context)
                {
                    found = true
                    let context = pieces[row][index].context
                    if pieces[row][index].fromFile {
                        for old in pieces[row][index].keys { claims[context]?[old] = nil }
                    }
                    for key in keys {
                        if let other = claims[context]?[key], other.action != entry.key {
                            let where_ = other.line.map { " (line \($0))" } ?? ""
                            throw reader.problem(
                                "\(key.configName) is bound twice in \(context.title): to \(other.action)\(where_) and to \(entry.key)",
                                at: path)
                        }
                        claims[context, default: [:]][key] = (entry.key, line)
                    }
                    pieces[row][index].keys = keys
                    pieces[row][index].fromFile = true
                }
            }
            guard !found else { return }
            let places = standard.bindings.compactMap { binding -> Set<KeyContext>? in
                guard case .action(let action) = binding.command, action.bindingName == entry.key
                else { return nil }
                return binding.contexts
            }.reduce(into: Set<KeyContext>()) { $0.formUnion($1) }
            if places.isEmpty {
                throw reader.problem(
                    "unknown action \"\(entry.key)\" (quire config --print-default lists them)",
                    at: path)
            }
            let tables = sectionNames(for: places)
            throw reader.problem(
                "\(entry.key) has no key in \(table); bind it in \(tables)", at: path)
        }

        for entry in entries {
            if let section = sections.first(where: { $0.name == entry.key }) {
                guard case .table(let inner) = entry.value else {
                    throw reader.problem(
                        "keys.\(entry.key) must be a table: [keys.\(entry.key)]",
                        at: key + [entry.key])
                }
                for binding in inner {
                    try bind(
                        binding, in: [section.context], table: "[keys.\(entry.key)]",
                        at: key + [entry.key, binding.key])
                }
            } else {
                try bind(entry, in: .panes, table: "[keys]", at: key + [entry.key])
            }
        }

        // Keys the file gave away are taken from the defaults that had them; rows are put
        // back together where their contexts kept the same keys.
        var bindings: [Binding] = []
        for (row, binding) in standard.bindings.enumerated() {
            if binding.takesOtherKeys {
                bindings.append(binding)
                continue
            }
            var groups: [(keys: [Key], contexts: Set<KeyContext>)] = []
            for piece in pieces[row] {
                var keys = piece.keys
                if !piece.fromFile, let taken = claims[piece.context] {
                    keys.removeAll { taken[$0] != nil }
                }
                if keys.isEmpty { continue }
                if let group = groups.firstIndex(where: { $0.keys == keys }) {
                    groups[group].contexts.insert(piece.context)
                } else {
                    groups.append((keys, [piece.context]))
                }
            }
            for group in groups {
                var split = binding
                split.keys = group.keys
                split.contexts = group.contexts
                bindings.append(split)
            }
        }
        return Keymap(bindings)
    }

    /// `[keys]`, `[keys.search]`…: where an action found in `contexts` can be bound.
    static func sectionNames(for contexts: Set<KeyContext>) -> String {
        var names: [String] = []
        if contexts.isSuperset(of: .panes) { names.append("[keys]") }
        for section in sections where contexts.contains(section.context) {
            names.append("[keys.\(section.name)]")
        }
        return names.joined(separator: ", ")
    }
}
