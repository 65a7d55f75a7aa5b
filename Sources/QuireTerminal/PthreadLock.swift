#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A mutex for state shared between the UI thread and the background queues.
///
/// A pthread mutex rather than `Synchronization.Mutex`: ThreadSanitizer, which CI runs
/// over these classes, cannot see the futex the latter waits on and reports races that
/// are not there (DECISIONS.md).
final class PthreadLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
