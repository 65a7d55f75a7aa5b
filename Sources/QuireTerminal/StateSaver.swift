import Dispatch
import Foundation
import QuireCore
import QuireUI

/// Saves marks off the key-press path.
///
/// Changes are committed at once on a background queue (appended to the state file's
/// journal and fsynced, under its lock), so a change is durable within milliseconds while
/// keys keep flowing; changes made while a commit runs go together in the next one. A
/// failed save keeps the changes and is retried every second; `flush()` saves what is
/// pending before quire exits.
public final class StateSaver: EffectRunner, @unchecked Sendable {
    private let store: StateStore
    private let queue = DispatchQueue(label: "quire.state-saver")
    private let lock = PthreadLock()
    private var pending = ReadState()
    /// Changes to some marks of items whose others are read from the file when saved.
    private var pendingChanges: [ItemID: MarkChange] = [:]
    private var scheduled = false
    private var reports: [Action] = []
    /// Set when the file could not be read at start: nothing is ever written over it.
    private var unusable = false
    private let onReport: @Sendable () -> Void
    /// When the oldest pending change was handed over (for `onSaved`).
    private var pendingSince: ContinuousClock.Instant?
    /// Called after each commit with the milliseconds from the oldest change in it being
    /// handed over to the journal's fsync returning (`quire --save-log`, benchmarks).
    public var onSaved: (@Sendable (Double) -> Void)?

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
                lock.withLock { reports.append(.marksLoaded(loaded)) }
            } catch {
                lock.withLock {
                    unusable = true
                    reports.append(.marksUnavailable("\(error)"))
                }
            }
            onReport()
        }
    }

    public func perform(_ effect: Effect) {
        lock.withLock {
            switch effect {
            case .save(let changes):
                for (id, item) in changes { pending.merge(id, item) }
            case .saveChanges(let changes):
                for (id, change) in changes {
                    pendingChanges[id] = pendingChanges[id]?.then(change) ?? change
                }
            default:
                return
            }
            if pendingSince == nil { pendingSince = ContinuousClock.now }
            scheduleLocked(after: .milliseconds(0))
        }
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { reports = [] }
            return reports
        }
    }

    /// Saves whatever is pending now, waiting for it; for the way out.
    public func flush() {
        queue.sync { save() }
    }

    /// Whether changes are still waiting to be saved.
    public var hasPending: Bool {
        lock.withLock { !pending.items.isEmpty || !pendingChanges.isEmpty }
    }

    /// Whether the file could not be read at start (so nothing was saved).
    public var isUnusable: Bool { lock.withLock { unusable } }

    private func scheduleLocked(after delay: DispatchTimeInterval) {
        guard !scheduled else { return }
        scheduled = true
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.save() }
    }

    private func save() {
        var since: ContinuousClock.Instant?
        let (marks, changes) = lock.withLock {
            scheduled = false
            // A file that could not be read is never written: the marks stay in memory.
            if unusable { return (ReadState(), [ItemID: MarkChange]()) }
            since = pendingSince
            pendingSince = nil
            defer {
                pending = ReadState()
                pendingChanges = [:]
            }
            return (pending, pendingChanges)
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
            if let since, let onSaved {
                let elapsed = ContinuousClock.now - since
                onSaved(
                    Double(elapsed.components.seconds) * 1000
                        + Double(elapsed.components.attoseconds) / 1e15)
            }
            lock.withLock { reports.append(.stateSaved(merged: merged)) }
        } catch {
            lock.withLock {
                if pendingSince == nil { pendingSince = since }
                pending.merge(marks)
                for (id, change) in changes {
                    pendingChanges[id] = pendingChanges[id].map { change.then($0) } ?? change
                }
                reports.append(.saveFailed("\(error)"))
                scheduleLocked(after: .seconds(1))
            }
        }
    }
}
