/// What the user asked for, or what happened; `update` applies it.
public enum Action: Equatable, Sendable {
    case moveDown, moveUp, top, bottom
    case pageDown, pageUp, halfPageDown, halfPageUp
    case focusNext, focusPrevious
    case open
    case pageReader
    case redraw
    case toggleHelp
    case back
    case resize(Size)
}

/// Work for the runtime, returned by `update` as data so tests can compare it.
public enum Effect: Equatable, Sendable {
    /// Leave the app (restore the terminal first).
    case quit
    /// Repaint every cell, not only the ones that changed.
    case redrawAll
}
