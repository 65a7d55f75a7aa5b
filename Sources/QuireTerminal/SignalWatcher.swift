import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the app loop checks between key reads, so
/// those signals leave through the normal path: restore the terminal, then exit.
public final class SignalWatcher: Sendable {
    private let queue = DispatchQueue(label: "quire.signals")
    private let sources: UncheckedSources
    /// The first signal received, 0 when none.
    private let received = Mutex<Int32>(0)

    /// The signal sources, set up once and only cancelled after.
    private struct UncheckedSources: @unchecked Sendable {
        var all: [DispatchSourceSignal] = []
    }

    /// - Parameter onSignal: called (on a background queue) when a signal arrives, to
    ///   wake a loop that waits for input.
    public init(
        signals: [Int32] = [SIGTERM, SIGHUP, SIGINT], onSignal: @escaping @Sendable () -> Void = {}
    ) {
        var made = UncheckedSources()
        for number in signals {
            signal(number, SIG_IGN)
            made.all.append(DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
        sources = made
        for (number, source) in zip(signals, made.all) {
            source.setEventHandler { [weak self] in
                self?.record(number)
                onSignal()
            }
            source.resume()
        }
    }

    /// The first signal received, if any.
    public var pending: Int32? {
        received.withLock { $0 == 0 ? nil : $0 }
    }

    /// Drops `number` if it is the signal received (a Ctrl-C meant for a child program).
    public func forget(_ number: Int32) {
        received.withLock { if $0 == number { $0 = 0 } }
    }

    private func record(_ number: Int32) {
        received.withLock { if $0 == 0 { $0 = number } }
    }

    deinit {
        for source in sources.all { source.cancel() }
    }
}
