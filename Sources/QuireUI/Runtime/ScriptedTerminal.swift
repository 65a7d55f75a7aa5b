/// A terminal that plays a script of events and keeps what was shown: for
/// `quire render`, golden screens and app-driving tests.
///
/// When the script runs out it reports `.terminate`, so the loop ends as it would on
/// SIGTERM, with the last frame kept.
public final class ScriptedTerminal: TerminalBackend {
    public private(set) var size: Size
    /// nil: no key before the loop's timeout (the user pausing).
    private var events: [InputEvent?]
    private var next = 0
    /// The last buffer shown.
    public private(set) var screen: ScreenBuffer
    /// How many frames were shown, and how many cells each one wrote.
    public private(set) var cellsWritten: [Int] = []
    public private(set) var restored = false

    public convenience init(size: Size, events: [InputEvent]) {
        self.init(size: size, timeline: events)
    }

    /// A terminal that plays `timeline`, where nil is a pause: no key before the loop's
    /// timeout.
    public init(size: Size, timeline: [InputEvent?]) {
        self.size = size
        self.events = timeline
        self.screen = ScreenBuffer(size: size)
    }

    /// A terminal that types `keys`.
    public convenience init(size: Size, keys: [Key]) {
        self.init(size: size, events: keys.map { .key($0) })
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard next < events.count else { return .terminate }
        let event = events[next]
        next += 1
        if case .resize(let newSize)? = event { size = newSize }
        return event
    }

    public func present(_ buffer: ScreenBuffer, everything: Bool) {
        let changed = everything ? buffer.cells.count : buffer.changedCells(since: screen).count
        cellsWritten.append(changed)
        screen = buffer
    }

    public func restore() { restored = true }

    /// Control sequences written between frames (OSC 52 copies), in order.
    public private(set) var controlSequences: [[UInt8]] = []
    /// How many times the screen was left to another program.
    public private(set) var suspensions = 0

    public func suspend(_ body: () -> Void) {
        suspensions += 1
        body()
    }

    public func writeControlSequence(_ bytes: [UInt8]) { controlSequences.append(bytes) }
}
