import QuireCore

/// The terminal as the app loop sees it: a size, events, and a place to show buffers.
///
/// `NcursesBackend` is the real one; tests drive the same loop with a fake.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now.
    var size: Size { get }
    /// The next event, or nil when `timeoutMilliseconds` pass without one.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Shows `buffer`, writing only the cells that changed since the last one unless
    /// `everything` is set (after `Ctrl-L`, or when the screen may be garbled).
    func present(_ buffer: ScreenBuffer, everything: Bool)
    /// Gives the terminal back as it was.
    func restore()
    /// Leaves the screen to `body` (a text browser), then takes it back; the next frame
    /// is drawn whole.
    func suspend(_ body: () -> Void)
    /// Writes `bytes` to the terminal as they are, between frames: an OSC 52 sequence
    /// built by quire, never text from a document.
    func writeControlSequence(_ bytes: [UInt8])
}
