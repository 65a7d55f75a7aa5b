import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the app loop checks between key reads, so
/// those signals leave through the normal path: restore the terminal, then exit.
public final class SignalWatcher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "quire.signals")
    private var sources: [DispatchSourceSignal] = []
    private let lock = PthreadLock()
    private var received: Int32 = 0

    /// - Parameter onSignal: called (on a background queue) when a signal arrives, to
    ///   wake a loop that waits for input.
    public init(
        signals: [Int32] = [SIGTERM, SIGHUP, SIGINT], onSignal: @escaping @Sendable () -> Void = {}
    ) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                self?.record(number)
                onSignal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    public var pending: Int32? {
        lock.withLock { received == 0 ? nil : received }
    }

    /// Drops `number` if it is the signal received (a Ctrl-C meant for a child program).
    public func forget(_ number: Int32) {
        lock.withLock { if received == number { received = 0 } }
    }

    private func record(_ number: Int32) {
        lock.withLock { if received == 0 { received = number } }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
