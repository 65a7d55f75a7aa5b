/// Where a key is looked up.
///
/// The state says which contexts are in force (`AppState.keyContexts`): the innermost
/// first, `global` last.
public enum KeyContext: Hashable, Sendable, CaseIterable, Comparable {
    /// The issues, sections and links panes.
    case lists
    /// The reader pane.
    case reader
    /// The `/` search line and its hits.
    case search
    /// The `?` help over the screen.
    case help
    /// A question on the status line (`O`: open every link?).
    case confirmation
    /// Every context.
    case global

    /// The name the help and the README give to keys of this context.
    public var title: String {
        switch self {
        case .lists: "lists"
        case .reader: "reader"
        case .search: "search line (after /)"
        case .help: "this help"
        case .confirmation: "when asked to confirm"
        case .global: "everywhere"
        }
    }
}

/// What a row of the key table does with a key.
public enum KeyCommand: Equatable, Sendable {
    /// The action.
    case action(Action)
    /// A printable character is typed into the search query; another key does nothing.
    case typeIntoSearch
    /// Says that the key is not bound, and how to see the keys that are.
    case reportUnbound

    /// The action for `key`, or nil when this command takes no such key.
    func action(for key: Key) -> Action? {
        switch self {
        case .action(let action): action
        case .typeIntoSearch:
            if case .char(let character) = key { .searchInsert(character) } else { nil }
        case .reportUnbound: .unboundKey(key)
        }
    }
}

/// One row of the key table: its keys, what they do, where, and the help that names it.
public struct Binding: Equatable, Sendable {
    /// The keys of the row; empty for a row that takes every key the contexts do not bind
    /// otherwise (`takesOtherKeys`).
    public var keys: [Key]
    public var command: KeyCommand
    public var help: String
    public var contexts: Set<KeyContext>

    /// A row that takes every key not bound otherwise in its contexts.
    public var takesOtherKeys: Bool { keys.isEmpty }

    /// A row binding `keys` to `action`.
    public init(
        _ action: Action, _ keys: [Key], _ help: String, in contexts: Set<KeyContext> = .panes
    ) {
        self.keys = keys
        self.command = .action(action)
        self.help = help
        self.contexts = contexts
    }

    /// A row for every key not bound otherwise in `contexts`.
    public init(otherKeys command: KeyCommand, _ help: String, in contexts: Set<KeyContext>) {
        self.keys = []
        self.command = command
        self.help = help
        self.contexts = contexts
    }

    /// The row's keys as the help and the README name them.
    public var keyNames: [String] {
        takesOtherKeys
            ? [command == .typeIntoSearch ? "any character" : "any other key"]
            : keys.map(\.description)
    }
}

extension Set where Element == KeyContext {
    /// The lists and the reader: where most keys work.
    public static let panes: Set<KeyContext> = [.lists, .reader]
}

/// The key table: dispatch, the `?` help and the README's key table all read it, so a new
/// key is one row.
public struct Keymap: Equatable, Sendable {
    public var bindings: [Binding]

    public init(_ bindings: [Binding]) { self.bindings = bindings }

    /// The default keys (the README's key table, which a test checks against this).
    public static let standard = Keymap([
        Binding(.moveDown, [.char("j"), .down], "move down"),
        Binding(.moveUp, [.char("k"), .up], "move up"),
        Binding(.top, [.char("g"), .home], "jump to the top"),
        Binding(.bottom, [.char("G"), .end], "jump to the bottom"),
        Binding(.pageDown, [.pageDown], "page down"),
        Binding(.pageUp, [.pageUp], "page up"),
        Binding(.halfPageDown, [.ctrl("d")], "half a page down"),
        Binding(.halfPageUp, [.ctrl("u")], "half a page up"),
        Binding(
            .focusNext, [.char("l"), .right, .tab], "next pane: issues → sections → links → reader"
        ),
        Binding(.focusPrevious, [.char("h"), .left, .backTab], "previous pane"),
        Binding(.open, [.enter], "open: focus the item's contents, or read the section"),
        Binding(.pageReader, [.char(" ")], "page the reader; at its end, mark it read and go on"),
        Binding(.openLink, [.char("o")], "open the link in the browser ($BROWSER, else xdg-open)"),
        Binding(.openSectionLinks, [.char("O")], "open every link of the section (asks first)"),
        Binding(.copyURL, [.char("y")], "copy the link's URL (OSC 52: works over SSH)"),
        Binding(.copyMarkdownLink, [.char("Y")], "copy the link as Markdown, [text](url)"),
        Binding(.toggleRead, [.char("r")], "toggle read (a section or issue: all its items)"),
        Binding(.markPaneRead, [.char("R")], "mark everything in the pane read"),
        Binding(.toggleStar, [.char("s")], "toggle star"),
        Binding(.undo, [.char("u")], "undo the last change of marks"),
        Binding(.cycleFilter, [.char("f")], "show all → unread → starred"),
        Binding(.nextUnreadOrHit, [.char("n")], "next unread item, or next hit after /"),
        Binding(.previousUnreadOrHit, [.char("N")], "previous unread item, or hit"),
        Binding(.beginSearch, [.char("/")], "search everything; Enter goes to the hit, Esc back"),
        Binding(
            .reload, [.ctrl("r")],
            "read the library's files again (quire also does when they change)"),
        Binding(.toggleHelp, [.char("?")], "show or hide this help"),
        Binding(.back, [.char("q"), .escape], "back to the previous pane, then quit"),
        Binding(otherKeys: .reportUnbound, "say the key is not bound", in: .panes),

        Binding(otherKeys: .typeIntoSearch, "type into the query", in: [.search]),
        Binding(.searchDeleteBackward, [.backspace], "delete a character", in: [.search]),
        Binding(.searchDeleteWord, [.ctrl("w")], "delete a word", in: [.search]),
        Binding(.searchClear, [.ctrl("u")], "clear the query", in: [.search]),
        Binding(.selectHit(by: 1), [.down, .ctrl("n"), .tab], "next hit", in: [.search]),
        Binding(.selectHit(by: -1), [.up, .ctrl("p"), .backTab], "previous hit", in: [.search]),
        Binding(.selectHit(by: 10), [.pageDown], "ten hits down", in: [.search]),
        Binding(.selectHit(by: -10), [.pageUp], "ten hits up", in: [.search]),
        Binding(.selectHit(by: Int.min / 2), [.home], "first hit", in: [.search]),
        Binding(.selectHit(by: Int.max / 2), [.end], "last hit", in: [.search]),
        Binding(
            .commitSearch, [.enter], "go to the hit (n and N then step through)", in: [.search]),
        Binding(.cancelSearch, [.escape], "back to where the search started", in: [.search]),
        Binding(.openLink, [.ctrl("o")], "open the hit's link in the browser", in: [.search]),
        Binding(.copyURL, [.ctrl("y")], "copy the hit's URL", in: [.search]),

        Binding(
            .helpPage(by: 1), [.char("j"), .down, .pageDown, .char(" ")],
            "next page, or close after the last", in: [.help]),
        Binding(
            .helpPage(by: -1), [.char("k"), .up, .pageUp], "previous page, or close on the first",
            in: [.help]),
        Binding(otherKeys: .action(.closeHelp), "close the help", in: [.help]),

        Binding(.confirm, [.char("y")], "yes", in: [.confirmation]),
        Binding(otherKeys: .action(.cancelConfirmation), "no", in: [.confirmation]),

        Binding(.redraw, [.ctrl("l")], "redraw the screen", in: [.global]),
    ])

    /// The action bound to `key` in `contexts` (innermost first): a row naming the key in
    /// any of them before a row that takes other keys, so `global` keys reach through.
    public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts {
            for binding in bindings
            where binding.contexts.contains(context) && binding.keys.contains(key) {
                return binding.command.action(for: key)
            }
        }
        for context in contexts {
            for binding in bindings
            where binding.contexts.contains(context) && binding.takesOtherKeys {
                if let action = binding.command.action(for: key) { return action }
            }
        }
        return nil
    }

    /// The rows in groups of consecutive rows with the same contexts, as the help and the
    /// README show them.
    public var groups: [(title: String, bindings: [Binding])] {
        var groups: [(title: String, bindings: [Binding])] = []
        var previous: Set<KeyContext>?
        for binding in bindings {
            if binding.contexts == previous {
                groups[groups.count - 1].bindings.append(binding)
            } else {
                let title = binding.contexts.sorted().map(\.title).joined(separator: " and ")
                groups.append((title.prefix(1).uppercased() + title.dropFirst(), [binding]))
                previous = binding.contexts
            }
        }
        return groups
    }

    /// The key table as Markdown, as the README shows it: a table per group of contexts.
    public func markdownTable() -> String {
        var lines: [String] = []
        for group in groups {
            if !lines.isEmpty { lines.append("") }
            lines += ["**\(group.title)**", "", "| keys | action |", "| --- | --- |"]
            for binding in group.bindings {
                let keys =
                    binding.takesOtherKeys
                    ? binding.keyNames.map { "*\($0)*" }
                    : binding.keyNames.map { "`\($0 == "`" ? "``" : $0)`" }
                lines.append("| \(keys.joined(separator: " ")) | \(binding.help) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
