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
            "Time the in-memory scan for this many seconds instead of printing.",
            visibility: .hidden))
    var benchSeconds: Double?

    func run() throws {
        let candidates = CandidateSet(lines: StandardInput.readAll())
        if let benchSeconds {
            bench(candidates, seconds: benchSeconds)
            return
        }
        let hits = candidates.search(FuzzyQuery(query))
        var out: [UInt8] = []
        out.reserveCapacity(hits.count * 64)
        for hit in hits {
            out.append(contentsOf: candidates.bytes(at: hit.index))
            out.append(10)
        }
        StandardOutput.write(out)
        if hits.isEmpty { throw ExitCode(1) }
    }

    /// Scans the loaded candidates again and again; prints the median and best scan.
    private func bench(_ candidates: CandidateSet, seconds: Double) {
        let parsed = FuzzyQuery(query)
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        var times: [Double] = []
        var matches = 0
        repeat {
            let start = clock.now
            matches = candidates.search(parsed).count
            let elapsed = clock.now - start
            times.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                    * 1000)
        } while clock.now < deadline
        times.sort()
        let median = times[times.count / 2]
        StandardOutput.write(
            String(
                format: "%d matches, %d scans: median %.1f ms, best %.1f ms\n", matches,
                times.count, median, times[0]))
    }
}

/// Reads standard input to its end into one buffer.
enum StandardInput {
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
