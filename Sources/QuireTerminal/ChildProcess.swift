#if canImport(Glibc)
    import Glibc
#endif

/// Starts programs with `posix_spawn`: an argument vector, no shell, and the signal
/// dispositions a program expects (quire ignores SIGINT, SIGHUP and SIGTERM itself, and a
/// child would inherit that).
enum ChildProcess {
    /// Where the child's standard streams go.
    enum Streams {
        /// The terminal, as quire has it (a text browser).
        case inherited
        /// Standard input from `/dev/null`; output and errors into the descriptors given
        /// (write ends of pipes), or `/dev/null` when nil; the child in a process group of
        /// its own, so Ctrl-C in quire does not reach it (a graphical browser, `tmux`).
        case detached(output: Int32?, errors: Int32?)
    }

    /// Starts `arguments[0]` at `executable`; returns its pid, or the `errno` of the failure.
    static func spawn(_ executable: String, _ arguments: [String], streams: Streams) -> Result<
        pid_t, Errno
    > {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGHUP, SIGTERM, SIGQUIT, SIGPIPE, SIGWINCH, SIGCHLD, SIGTSTP] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if case .detached(let output, let errors) = streams {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            for (target, source) in [(Int32(1), output), (2, errors)] {
                if let source {
                    posix_spawn_file_actions_adddup2(&actions, source, target)
                } else {
                    posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
                }
            }
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        return status == 0 ? .success(pid) : .failure(Errno(status))
    }

    /// Runs `arguments` detached and returns what it wrote to standard output (at most
    /// 64 KiB) and its exit status; nil when it could not start.
    static func output(_ executable: String, _ arguments: [String]) -> (String, Int32)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let started = spawn(executable, arguments, streams: .detached(output: ends[1], errors: nil))
        close(ends[1])
        defer { close(ends[0]) }
        guard case .success(let pid) = started else { return nil }
        let text = readAll(ends[0], limit: 1 << 16)
        return (text, wait(pid))
    }

    /// Reads `descriptor` to its end, keeping at most `limit` bytes.
    static func readAll(_ descriptor: Int32, limit: Int) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            if bytes.count < limit { bytes += chunk[0..<min(count, limit - bytes.count)] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Waits for `pid`; returns its exit status, or 128 + the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}

/// An `errno` value with its message.
struct Errno: Error, CustomStringConvertible {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}
