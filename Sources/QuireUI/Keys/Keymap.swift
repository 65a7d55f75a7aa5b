/// Where a key is looked up: the innermost context first, then the ones around it.
public enum KeyContext: Hashable, Sendable, CaseIterable {
    case global
}

/// One row of the key table: an action, its keys, and the help that names it.
public struct Binding: Sendable {
    public var action: Action
    public var keys: [Key]
    public var help: String
    public var contexts: Set<KeyContext>

    public init(
        _ action: Action, _ keys: [Key], _ help: String, in contexts: Set<KeyContext> = [.global]
    ) {
        self.action = action
        self.keys = keys
        self.help = help
        self.contexts = contexts
    }
}

/// The key table: dispatch, the `?` overlay and the README's key table all read it.
public struct Keymap: Sendable {
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
        Binding(.nextUnread, [.char("n")], "next unread item, or next hit after /"),
        Binding(.previousUnread, [.char("N")], "previous unread item, or hit"),
        Binding(.beginSearch, [.char("/")], "search everything; Enter goes to the hit, Esc back"),
        Binding(.redraw, [.ctrl("l")], "redraw the screen"),
        Binding(.toggleHelp, [.char("?")], "show or hide this help"),
        Binding(.back, [.char("q"), .escape], "back to the previous pane, then quit"),
    ])

    /// The action bound to `key`, looked up from the innermost context outwards.
    public func action(for key: Key, in contexts: [KeyContext] = [.global]) -> Action? {
        for context in contexts {
            if let binding = bindings.first(where: {
                $0.contexts.contains(context) && $0.keys.contains(key)
            }) {
                return binding.action
            }
        }
        return nil
    }

    /// The key table as Markdown, as the README shows it.
    public func markdownTable() -> String {
        var lines = ["| keys | action |", "| --- | --- |"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.description == "`" ? "``" : $0.description)`" }
            lines.append("| \(keys.joined(separator: " ")) | \(binding.help) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
