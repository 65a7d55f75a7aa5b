import Dispatch
import Foundation
import QuireCore
import QuireUI
import Synchronization

/// Saves marks off the key-press path.
///
/// Changes are committed at once on a background queue (appended to the state file's
/// journal and fsynced, under its lock), so a change is durable within milliseconds while
/// keys keep flowing; changes made while a commit runs go together in the next one. A
/// failed save keeps the changes and is retried every second; `flush()` saves what is
/// pending before quire exits.
public final class StateSaver: EffectRunner, Sendable {
    private let store: StateStore
    private let queue = DispatchQueue(label: "quire.state-saver")
    /// What the UI thread, the saving queue and the first read share.
    private struct Queued {
        var pending = ReadState()
        /// Changes to some marks of items whose others are read from the file when saved.
        var pendingChanges: [ItemID: MarkChange] = [:]
        var scheduled = false
        var reports: [Action] = []
        /// Set when the file could not be read at start: nothing is ever written over it.
        var unusable = false
        /// When the oldest pending change was handed over (for `onSaved`).
        var pendingSince: ContinuousClock.Instant?
    }
    private let queued = Mutex(Queued())
    private let onReport: @Sendable () -> Void
    private let savedHook = Mutex<(@Sendable (Double) -> Void)?>(nil)

    /// Called after each commit with the milliseconds from the oldest change in it being
    /// handed over to the journal's fsync returning (`quire --save-log`, benchmarks).
    public var onSaved: (@Sendable (Double) -> Void)? {
        get { savedHook.withLock { $0 } }
        set { savedHook.withLock { $0 = newValue } }
    }

    /// - Parameters:
    ///   - loadsFirst: read the file in the background and report `marksLoaded` (or
    ///     `marksUnavailable`, after which nothing is saved): the reader's first frame does
    ///     not wait for a large state file.
    ///   - onReport: called from a background queue when a report is waiting (wake the loop).
    public init(
        store: StateStore, loadsFirst: Bool = false,
        onReport: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.onReport = onReport
        guard loadsFirst else { return }
        // Read on a queue of its own: a save never waits for it (each commit checks the
        // file itself), and neither does the way out when nothing is pending.
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            do {
                let loaded = try store.load()
                queued.withLock { $0.reports.append(.marksLoaded(loaded)) }
            } catch {
                queued.withLock {
                    $0.unusable = true
                    $0.reports.append(.marksUnavailable("\(error)"))
                }
            }
            onReport()
        }
    }

    public func perform(_ effect: Effect) {
        queued.withLock { queued in
            switch effect {
            case .save(let changes):
                for (id, item) in changes { queued.pending.merge(id, item) }
            case .saveChanges(let changes):
                for (id, change) in changes {
                    queued.pendingChanges[id] = queued.pendingChanges[id]?.then(change) ?? change
                }
            default:
                return
            }
            if queued.pendingSince == nil { queued.pendingSince = ContinuousClock.now }
            schedule(&queued, after: .milliseconds(0))
        }
    }

    public func collect() -> [Action] {
        queued.withLock { queued in
            defer { queued.reports = [] }
            return queued.reports
        }
    }

    /// Saves whatever is pending now, waiting for it; for the way out.
    public func flush() {
        queue.sync { save() }
    }

    /// Whether changes are still waiting to be saved.
    public var hasPending: Bool {
        queued.withLock { !$0.pending.items.isEmpty || !$0.pendingChanges.isEmpty }
    }

    /// Whether the file could not be read at start (so nothing was saved).
    public var isUnusable: Bool { queued.withLock { $0.unusable } }

    /// Starts a save after `delay` unless one is coming; called holding `queued`'s lock.
    private func schedule(_ queued: inout Queued, after delay: DispatchTimeInterval) {
        guard !queued.scheduled else { return }
        queued.scheduled = true
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.save() }
    }

    private func save() {
        var since: ContinuousClock.Instant?
        let (marks, changes) = queued.withLock { queued in
            queued.scheduled = false
            // A file that could not be read is never written: the marks stay in memory.
            if queued.unusable { return (ReadState(), [ItemID: MarkChange]()) }
            since = queued.pendingSince
            queued.pendingSince = nil
            defer {
                queued.pending = ReadState()
                queued.pendingChanges = [:]
            }
            return (queued.pending, queued.pendingChanges)
        }
        guard !marks.items.isEmpty || !changes.isEmpty else { return }
        do {
            // Changes made before the marks were read apply to what the file holds for
            // their items (found without reading the whole file).
            var batch = marks
            if !changes.isEmpty {
                let current = try store.marks(of: Set(changes.keys))
                for (id, change) in changes { batch.merge(id, change.applied(to: current[id])) }
            }
            let merged = try store.commit(batch.items)
            if let since, let onSaved = onSaved {
                let elapsed = ContinuousClock.now - since
                onSaved(
                    Double(elapsed.components.seconds) * 1000
                        + Double(elapsed.components.attoseconds) / 1e15)
            }
            queued.withLock { $0.reports.append(.stateSaved(merged: merged)) }
        } catch {
            queued.withLock { queued in
                if queued.pendingSince == nil { queued.pendingSince = since }
                queued.pending.merge(marks)
                for (id, change) in changes {
                    queued.pendingChanges[id] =
                        queued.pendingChanges[id].map { change.then($0) } ?? change
                }
                queued.reports.append(.saveFailed("\(error)"))
                schedule(&queued, after: .seconds(1))
            }
        }
    }
}
