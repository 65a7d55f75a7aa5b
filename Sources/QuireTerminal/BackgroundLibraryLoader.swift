import Foundation
import QuireCore
import QuireUI

/// Reads the library on a background thread while the reader runs, so the first frame
/// never waits for it, and again when its files change or the user asks.
///
/// Issues are handed over in library order as their files are read (`libraryGrew`, about
/// twenty times a second), from the parsed-library cache where it is current; then the
/// whole library (`libraryLoaded`), with email and identity collisions settled exactly as
/// `quire list` has them. From then on a `FolderWatcher` (when `watch`) reports changed
/// files and `reload()` reads the library again (`libraryReloaded`, with what changed);
/// unchanged files come from the cache, so a reload costs little more than the files
/// that changed. `onReport` wakes the loop for each.
public final class BackgroundLibraryLoader: LibrarySource, @unchecked Sendable {
    private let lock = PthreadLock()
    private var actions: [Action] = []
    private let paths: [String]
    private let cache: LibraryCache?
    private let onReport: @Sendable () -> Void
    /// Reloads run here, one at a time.
    private let queue = DispatchQueue(label: "quire.reload", qos: .userInitiated)
    /// The library last handed over, what a reload is compared with.
    private var current: Library?
    /// A reload is waiting to run (asked while one ran); `true` when by the user.
    private var queued: Bool?
    private var running = false
    private var watcher: FolderWatcher?

    /// Starts reading `paths` (through `cache`, if any), then follows their folders when
    /// `watch`.
    public init(
        paths: [String], cache: LibraryCache?, watch: Bool = false,
        onReport: @escaping @Sendable () -> Void
    ) {
        self.paths = paths
        self.cache = cache
        self.onReport = onReport
        // A thread of its own: it mostly waits for files, which must not hold up a
        // thread of the shared pool the files are read on.
        Thread { [self] in
            let library = Ingestor.load(paths, cache: cache) { progress in
                self.lock.withLock { self.actions.append(.libraryGrew(progress)) }
                onReport()
            }
            lock.withLock {
                current = library
                actions.append(.libraryLoaded(library))
            }
            onReport()
            // Counted on the queue reloads run on, so counts come in the order read.
            queue.async { [self] in count(library) }
            if watch, lock.withLock({ rereadable }) { startWatching() }
        }.start()
    }

    private func startWatching() {
        let watcher = FolderWatcher(
            paths: paths,
            onChange: { [weak self] in self?.request(manual: false) },
            onProblem: { [weak self] problem in
                guard let self else { return }
                lock.withLock { actions.append(.watchReport(problem)) }
                onReport()
            })
        lock.withLock { self.watcher = watcher }
    }

    public func reload() { request(manual: true) }

    /// Whether every path can be read again: a pipe (`quire <(curl …)`) gave its bytes
    /// once, and reading it again would lose its documents.
    private lazy var rereadable: Bool = paths.allSatisfy { path in
        var info = stat()
        guard stat(path, &info) == 0 else { return true }  // gone: the reload says so
        let type = info.st_mode & S_IFMT
        return type == S_IFREG || type == S_IFDIR
    }

    /// Reads the library again now, or after the reload that is running.
    private func request(manual: Bool) {
        guard lock.withLock({ rereadable }) else {
            if manual {
                lock.withLock {
                    actions.append(.watchReport("the library is read from a pipe: not read again"))
                }
                onReport()
            }
            return
        }
        let start = lock.withLock { () -> Bool in
            guard current != nil else { return false }  // the first reading is not done
            if running {
                queued = (queued ?? false) || manual
                return false
            }
            running = true
            return true
        }
        if start { queue.async { [self] in run(manual: manual) } }
    }

    private func run(manual: Bool) {
        var manual = manual
        while true {
            let library = Ingestor.load(paths, cache: cache)
            let next = lock.withLock { () -> Bool? in
                let change = LibraryChange(from: current ?? Library(), to: library)
                current = library
                actions.append(.libraryReloaded(library, change, manual: manual))
                defer { queued = nil }
                if let again = queued { return again }
                running = false
                return nil
            }
            onReport()
            count(library)
            guard let again = next else { return }
            manual = again
        }
    }

    /// The library whose words were last counted, and the counts.
    private var counted: (library: Library, times: ReadingTimes)?

    /// Counts the words of `library` for its reading times (issues unchanged since the
    /// last count keep theirs), and hands them over.
    private func count(_ library: Library) {
        let previous = lock.withLock { counted }
        let times = ReadingTimes(library, previous: previous)
        lock.withLock {
            counted = (library, times)
            actions.append(.readingTimesCounted(times))
        }
        onReport()
    }

    public func collect() -> [Action] {
        lock.withLock {
            defer { actions = [] }
            return actions
        }
    }
}
