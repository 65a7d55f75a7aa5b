import ArgumentParser
import Foundation
import QuireCore

/// `quire filter QUERY`: the lines of stdin that match, best first, like `fzf --filter`.
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Print the lines of standard input that match QUERY, best first.",
        discussion: """
            QUERY uses fzf's extended syntax: space-separated terms must all match; \
            'exact, ^prefix, suffix$, !negation, a | b. Case is ignored unless a term has \
            an upper-case letter; accents are ignored (gordic finds Gordić). Exit status \
            1 when nothing matches.
            """
    )

    @Argument(help: "The query.") var query: String

    @Option(
        help: ArgumentHelp(
            "Time the in-memory scans (each for half this many seconds) instead of printing.",
            visibility: .hidden))
    var benchSeconds: Double?

    func run() throws {
        if let benchSeconds {
            StandardInput.withBytes { text in
                bench(CandidateSet(lines: Array(text)), seconds: benchSeconds)
            }
            return
        }
        let status = Self.filter(query)
        if status != 0 { throw ExitCode(status) }
    }

    /// Writes the lines of standard input that match `query`, best first; the exit status:
    /// 0, or 1 when nothing matched.
    static func filter(_ query: String) -> Int32 {
        let parsed = FuzzyQuery(query)
        let matched = StandardInput.withBytes { text -> Int in
            let filter = LineFilter(parsed, text: text)
            var out: [UInt8] = []
            out.reserveCapacity(1 << 20)
            filter.forEach { line, _ in
                out.append(contentsOf: line)
                out.append(10)
                if out.count >= 1 << 20 {
                    StandardOutput.writeText(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            StandardOutput.writeText(out)
            return filter.count
        }
        return matched == 0 ? 1 : 0
    }

    /// Times what one keystroke costs in the reader, on candidates already in memory.
    ///
    /// The scan of every candidate with the best 500 hits in order (the overlay shows no
    /// more), and the scan that refines the query one character shorter (typing its last
    /// character). Prints medians and best times.
    private func bench(_ candidates: CandidateSet, seconds: Double) {
        let parsed = FuzzyQuery(query)
        let shorter = FuzzyQuery(String(query.dropLast()))
        let earlier = candidates.scan(shorter).indices()
        // Each figure is timed for half of `seconds`.
        let full = RepeatedTiming(seconds: seconds / 2) {
            let results = candidates.scan(parsed)
            _ = results.top(500)
            return results.count
        }
        let refined = RepeatedTiming(seconds: seconds / 2) {
            let results = candidates.scan(parsed, within: earlier)
            _ = results.top(500)
            return results.count
        }
        let everything = RepeatedTiming(seconds: seconds / 2) { candidates.search(parsed).count }
        StandardOutput.write(
            String(
                format: """
                    %d matches of %d; keystroke scan: median %.1f ms, mean %.1f ms, \
                    best %.1f ms (%d runs); \
                    extending %d matches: median %.1f ms; every hit in order: median %.1f ms; \
                    index %.1f MB over %.1f MB of text (%.2fx)\n
                    """, full.last, candidates.count, full.median, full.mean, full.best,
                full.runs,
                earlier.count, refined.median, everything.median,
                Double(candidates.overheadBytes + candidates.textBytes) / 1e6,
                Double(candidates.textBytes) / 1e6,
                Double(candidates.overheadBytes + candidates.textBytes)
                    / Double(max(1, candidates.textBytes))))
    }
}

/// Reads standard input to its end into one buffer.
enum StandardInput {
    /// Calls `body` with all of standard input: mapped when it is a regular file (no
    /// copy), else read into memory.
    static func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var info = stat()
        if fstat(0, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            let size = Int(info.st_size)
            let offset = Int(lseek(0, 0, SEEK_CUR))
            if offset >= 0, offset < size,
                let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, 0, 0),
                mapped != MAP_FAILED
            {
                defer { munmap(mapped, size) }
                let base = mapped.assumingMemoryBound(to: UInt8.self) + offset
                return body(UnsafeBufferPointer(start: base, count: size - offset))
            }
        }
        return readAll().withUnsafeBufferPointer(body)
    }

    static func readAll() -> [UInt8] {
        // A file redirected in: its size is known, so read it in one buffer.
        var info = stat()
        let size =
            fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        var buffer = [UInt8](repeating: 0, count: max(1 << 16, size + 1))
        var count = 0
        while true {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let read = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(0, raw.baseAddress! + count, raw.count - count)
            }
            if read < 0, errno == EINTR { continue }
            if read <= 0 { break }
            count += read
        }
        buffer.removeLast(buffer.count - count)
        return buffer
    }
}
