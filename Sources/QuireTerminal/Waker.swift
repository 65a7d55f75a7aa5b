import QuireCore
import QuireUI

#if canImport(Glibc)
    import Glibc
#endif

/// A pipe that another thread writes a byte to, to wake a loop sleeping in `poll`.
public final class Waker: Sendable {
    private let read: Int32
    private let write: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        read = ends[0]
        write = ends[1]
    }

    deinit {
        close(read)
        close(write)
    }

    /// The end to poll.
    var descriptor: Int32 { read }

    /// Wakes the loop; safe from any thread, never blocks.
    public func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(write, &byte, 1)
    }

    /// Empties the pipe; whether anything had woken it.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var woken = false
        while Glibc.read(read, &buffer, buffer.count) > 0 { woken = true }
        return woken
    }
}
