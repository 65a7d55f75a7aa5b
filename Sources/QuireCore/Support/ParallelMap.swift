import Dispatch

extension Array where Element: Sendable {
    /// Maps the elements on all cores, keeping their order.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        self.withUnsafeBufferPointer { elements in
            let source = UnsafeSendable(elements)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results.store(transform(source.value[index]), at: index)
            }
        }
        return results.values()
    }
}

/// Slots written once each, each from one thread, and read after all are written.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    func values() -> [T] { slots.map { $0! } }
}

private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
