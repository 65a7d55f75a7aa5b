import Dispatch
import Foundation
import QuireCore
import QuireUI

/// Saves marks off the key-press path.
///
/// Changes are gathered for 20 ms, then committed to the state file (locked, merged,
/// atomic) on a background queue, so a change is durable within about 100 ms while keys
/// keep flowing. A failed save keeps the changes and is
/// retried every second; `flush()` saves what is pending before quire exits.
public final class StateSaver: EffectRunner, @unchecked Sendable {
    private let store: StateStore
    private let queue = DispatchQueue(label: "quire.state-saver")
    private let lock = NSLockLike()
    private var pending: [ItemID: ItemState] = [:]
    private var scheduled = false
    private var reports: [Action] = []

    public init(store: StateStore) { self.store = store }

    public func perform(_ effect: Effect) {
        guard case .save(let changes) = effect else { return }
        lock.withLock {
            for (id, item) in changes {
                pending[id] = pending[id].map { ItemState.newer($0, item) } ?? item
            }
            scheduleLocked(after: .milliseconds(20))
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
    public var hasPending: Bool { lock.withLock { !pending.isEmpty } }

    private func scheduleLocked(after delay: DispatchTimeInterval) {
        guard !scheduled else { return }
        scheduled = true
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.save() }
    }

    private func save() {
        let batch: [ItemID: ItemState] = lock.withLock {
            scheduled = false
            defer { pending = [:] }
            return pending
        }
        guard !batch.isEmpty else { return }
        do {
            let merged = try store.commit(batch)
            lock.withLock { reports.append(.stateSaved(merged: merged)) }
        } catch {
            lock.withLock {
                for (id, item) in batch {
                    pending[id] = pending[id].map { ItemState.newer($0, item) } ?? item
                }
                reports.append(.saveFailed("\(error)"))
                scheduleLocked(after: .seconds(1))
            }
        }
    }
}
