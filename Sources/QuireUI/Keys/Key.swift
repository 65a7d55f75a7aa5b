/// A key press, independent of how the terminal reported it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace
    case unknown(Int32)

    /// The name shown in help and the README (`j`, `↓`, `Ctrl-d`, `PgDn`, `Space`).
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .unknown(let code): "key \(code)"
        }
    }
}

/// What the terminal backend reports.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// SIGTERM, SIGHUP or SIGINT: leave through the normal path.
    case terminate
}
