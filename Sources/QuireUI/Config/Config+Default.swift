import QuireCore

extension Config {
    /// The config file with every setting at its default, commented out, as `quire config
    /// --print-default` prints it: the reference for what a file may hold.
    public static var defaultText: String {
        var lines = [
            "# quire's configuration: $XDG_CONFIG_HOME/quire/config.toml (else",
            "# ~/.config/quire/config.toml), or the file given with --config. Each setting below",
            "# is at its default and commented out: remove the # to change it. `quire config`",
            "# checks the file; a mistake is reported with its line and quire uses the defaults.",
            "",
            "# Folders and files quire opens when given no PATH (~ is your home folder; a relative",
            "# path starts at this file's folder). None: the checkout's seeds/.",
            "# library = [\"~/reading\", \"~/mail/newsletters.mbox\"]",
            "",
            "# The browser o starts: a program and its arguments, %s standing for the URL (else",
            "# the URL goes last). Not set: $BROWSER, else xdg-open.",
            "# browser = [\"firefox\", \"--new-tab\"]",
            "",
            "# The URL schemes o opens (javascript, vbscript, data and file never do).",
            "# schemes = [\(LinkSafety.openableSchemes.sorted().map { "\"\($0)\"" }.joined(separator: ", "))]",
            "",
            "# When reading marks items read: \"explicit\" (r, R, Space at a section's end),",
            "# \"open\" (also Enter), or \"after:N\" (also a section shown N seconds).",
            "# read-policy = \"explicit\"",
            "",
            "# Words a minute for the reading times the panes show and time<10m searches (each",
            "# Chinese, Japanese or Korean character counts as a word).",
            "# reading-speed = \(ReadingTime.defaultWordsPerMinute)",
            "",
            "# Links as OSC 8 hyperlinks (false for terminals that show them wrongly).",
            "# hyperlinks = true",
            "",
            "# Clicks select (twice: open) and the wheel scrolls the pane under the pointer;",
            "# hold Shift to select text. false leaves the mouse to the terminal.",
            "# mouse = true",
            "",
            "# Keys: action = [\"key\", …]. [keys] binds in the lists and the reader; the tables",
            "# after it in one place only. A key given here is taken from the action that had it;",
            "# one key for two actions in one place is a mistake. Key names: a character,",
            "# Ctrl-a to Ctrl-z, Up, Down, Left, Right, Home, End, PgUp, PgDn, Tab, Shift-Tab,",
            "# Enter, Esc, Backspace, Space.",
        ]
        let tables: [(header: String, contexts: Set<KeyContext>)] =
            [("[keys]", .panes)]
            + KeyBindingReader.sections.map { ("[keys.\($0.name)]", [$0.context]) }
        for table in tables {
            let rows = Keymap.standard.bindings.filter {
                $0.contexts == table.contexts && !$0.takesOtherKeys
                    && $0.command.bindingName != nil
            }
            guard !rows.isEmpty else { continue }
            lines += ["# \(table.header)"]
            let width = rows.map { ($0.command.bindingName ?? "").count }.max() ?? 0
            let bindings = rows.map { row in
                let name = row.command.bindingName ?? ""
                let keys = row.keys.map { "\"\(escaped($0.configName))\"" }.joined(separator: ", ")
                return name + String(repeating: " ", count: width - name.count) + " = [\(keys)]"
            }
            let column = bindings.map(\.count).max() ?? 0
            for (row, binding) in zip(rows, bindings) {
                let padding = String(repeating: " ", count: column - binding.count)
                lines.append("# \(binding)\(padding)  # \(row.help)")
            }
        }
        lines += [
            "",
            "# Colours per element: fg and bg (a number 0 to 255, a name: black, red, green,",
            "# yellow, blue, magenta, cyan, white, bright-black … bright-white, or \"default\"),",
            "# bold, underline, reverse, dim. Fields not given keep the terminal's theme (below,",
            "# the one for 256 colours).",
            "# [theme]",
        ]
        let width = Style.allCases.map(\.description.count).max() ?? 0
        for style in Style.allCases {
            let a = Theme.color256.attributes(for: style)
            var fields: [String] = []
            if let fg = a.foreground { fields.append("fg = \(fg)") }
            if let bg = a.background { fields.append("bg = \(bg)") }
            for (on, name) in [
                (a.bold, "bold"), (a.underline, "underline"), (a.reverse, "reverse"),
                (a.dim, "dim"),
            ] where on {
                fields.append("\(name) = true")
            }
            if fields.isEmpty { fields = ["fg = \"default\"", "bg = \"default\""] }
            let name =
                style.description + String(repeating: " ", count: width - style.description.count)
            lines.append("# \(name) = { \(fields.joined(separator: ", ")) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\"")
    }
}

extension KeyCommand {
    /// The config name of the row's action, when a file can bind it.
    var bindingName: String? {
        if case .action(let action) = self { return action.bindingName }
        return nil
    }
}
