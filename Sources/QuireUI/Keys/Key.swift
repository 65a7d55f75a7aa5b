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

/// A mouse button pressed at a cell (column `x`, row `y`, from 0).
public struct MouseEvent: Equatable, Sendable {
    public enum Button: Equatable, Sendable {
        /// The left button: select; twice on one item in quick succession, open.
        case left
        /// The wheel, a notch up or down: scroll the pane under the pointer.
        case wheelUp, wheelDown
    }

    public var button: Button
    public var x: Int
    public var y: Int

    public init(_ button: Button, x: Int, y: Int) {
        self.button = button
        self.x = x
        self.y = y
    }
}

/// What the terminal backend reports.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    /// A button or wheel (only when the mouse is on).
    case mouse(MouseEvent)
    case resize(Size)
    /// SIGTERM, SIGHUP or SIGINT: leave through the normal path.
    case terminate
}
