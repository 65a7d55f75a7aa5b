import ArgumentParser
import Foundation
import QuireCore

/// `quire stats`: how much the library holds and how long it took to load.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Load the library and print counts by kind and the load time."
    )

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let cache = library.cache
        let loaded = library.load(cache: cache)
        let elapsed = clock.now - started
        var byKind: [DocumentKind: Int] = [:]
        var sections = 0
        for issue in loaded.issues {
            byKind[issue.kind, default: 0] += 1
            sections += issue.sections.count
        }
        let (links, distinct) = loaded.linkCounts
        var out = "issues    \(loaded.issues.count)"
        let kinds = DocumentKind.allCases.compactMap { kind in
            byKind[kind].map { "\($0) \(kind.rawValue)" }
        }
        if !kinds.isEmpty { out += " (" + kinds.joined(separator: ", ") + ")" }
        out += "\nsections  \(sections)\nlinks     \(links) (\(distinct) distinct)\n"
        out += "skipped   \(loaded.failures.count)\n"
        if let cache {
            let counts = cache.counts
            out += "cache     \(counts.read) files read from it, \(counts.parsed) parsed\n"
        }
        let ms = elapsed.milliseconds
        out += "loaded in \(String(format: "%.1f", ms)) ms\n"
        StandardOutput.write(out)
        finish(loaded)
    }
}
