import Dispatch

/// Runs `transform` for every index in `0..<count` on all cores and returns the results
/// in index order: the one way quire spreads work over cores (loading files, scanning
/// search candidates, filtering lines).
func parallelMap<T>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(transform) }
    let results = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        results.store(transform(index), at: index)
    }
    return results.values()
}

extension Array where Element: Sendable {
    /// Maps the elements on all cores, keeping their order.
    func parallelMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        withUnsafeBufferPointer { elements in
            let source = UncheckedSendable(elements)
            return QuireCore.parallelMap(count: count) { transform(source.value[$0]) }
        }
    }
}

/// Lets values that a parallel pass only reads — buffers borrowed for it, which outlive
/// it — cross into `concurrentPerform`'s threads.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
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
