import QuireCore

/// Carries out what the user does with a link: starts the browser, fills the clipboard.
public protocol LinkActions: AnyObject {
    /// Opens `url` (checked by `LinkSafety`); a text browser gets the terminal through
    /// `backend.suspend`. Returns a message for the status line when there is one now.
    func open(_ url: String, on backend: some TerminalBackend) -> String?
    /// Copies `text` to the user's clipboard through the terminal; returns the status
    /// line's message (what was copied, or why it may not have arrived).
    func copy(_ text: String, what: String, on backend: some TerminalBackend) -> String
    /// Reports that came later (a graphical browser that failed), as actions.
    func collect() -> [Action]
}
