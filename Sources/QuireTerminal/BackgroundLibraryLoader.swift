import Foundation
import QuireCore
import QuireUI

/// Reads the library on a background thread while the reader runs, so the first frame
/// never waits for it.
///
/// Issues are handed over in library order as their files are read (`libraryGrew`, about
/// twenty times a second), from the parsed-library cache where it is current; then the
/// whole library (`libraryLoaded`), with email and identity collisions settled exactly as
/// `quire list` has them. `onReport` wakes the loop for each.
public final class BackgroundLibraryLoader: ActionSource, @unchecked Sendable {
    private let lock = PthreadLock()
    private var actions: [Action] = []

    /// Starts reading `paths` (through `cache`, if any).
    public init(paths: [String], cache: LibraryCache?, onReport: @escaping @Sendable () -> Void) {
        // A thread of its own: it mostly waits for files, which must not hold up a
        // thread of the shared pool the files are read on.
        Thread { [self] in
            let library = Ingestor.load(paths, cache: cache) { progress in
                self.lock.withLock { self.actions.append(.libraryGrew(progress)) }
                onReport()
            }
            lock.withLock { actions.append(.libraryLoaded(library)) }
            onReport()
        }.start()
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { actions = [] }
            return actions
        }
    }
}
