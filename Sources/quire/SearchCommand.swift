import ArgumentParser
import Foundation
import QuireCore

/// `quire search QUERY`: ranked hits over the library.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Fuzzy-search issues, sections (chapters, posts) and links; best first.",
        discussion: """
            QUERY uses fzf's extended syntax ('exact ^prefix suffix$ !not a | b) plus \
            qualifiers: is:unread is:starred kind:newsletter|show-notes|thread|document \
            in:issue|section|link host:arxiv.org. Exit status 1 when nothing matches.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The query.") var query: String
    @Option(help: "At most this many hits.") var limit = 20
    @Option(help: "Output format: text or json.") var format: Format = .text
    @OptionGroup var state: StateOptions
    @OptionGroup var library: LibraryOptions
    @Option(
        help: ArgumentHelp(
            "Time building the index and one keystroke's search instead of printing.",
            visibility: .hidden))
    var benchSeconds: Double?

    func run() throws {
        let loaded = library.load()
        let marks = ReadState(items: (try? state.store.marks(of: loaded.markableIDs)) ?? [:])
        let clock = ContinuousClock()
        let building = clock.now
        let index = SearchIndex(
            loaded, wordsPerMinute: library.settings.config.readingSpeed)
        if let benchSeconds {
            bench(index, built: clock.now - building, seconds: benchSeconds)
            return
        }
        let hits = index.search(query, marks: marks, limit: max(0, limit))
        var out = format == .json ? "[\n" : ""
        for (n, hit) in hits.enumerated() {
            let issue = loaded.issues[hit.entry.issue]
            let section = hit.entry.section.map { issue.sections[$0] }
            let link = hit.entry.link.flatMap { l in section.map { $0.links[l] } }
            let text = link?.text ?? section?.title ?? issue.title
            // Where the hit is: its issue, and for a link its section too; for an issue,
            // its kind.
            let place =
                section == nil
                ? issue.kind.rawValue
                : [issue.title, link == nil ? nil : section?.title].compactMap { $0 }
                    .joined(separator: " › ")
            switch format {
            case .text:
                out +=
                    "\(hit.entry.kind.rawValue)\t\(text)\t\(place)"
                    + (link?.url.map { "\t\($0)" } ?? "") + "\n"
            case .json:
                out +=
                    "  { \"kind\": \"\(hit.entry.kind.rawValue)\", \"id\": \"\(hit.entry.id)\", \"score\": \(hit.score), "
                let quote = JSONText.quoted
                out += "\"text\": \(quote(text)), \"issue\": \(quote(issue.title)), "
                out += "\"section\": \(quote(section?.title)), \"url\": \(quote(link?.url)), "
                out +=
                    "\"read\": \(marks.isRead(hit.entry.id)), "
                    + "\"starred\": \(marks.isStarred(hit.entry.id)) }"
                    + (n + 1 < hits.count ? ",\n" : "\n")
            }
        }
        if format == .json { out += "]\n" }
        if format == .json { StandardOutput.write(out) } else { StandardOutput.writeText(out) }
        if hits.isEmpty { throw ExitCode(1) }
        finish(loaded)
    }
}

extension SearchCommand {
    /// Prints how long the index took to build, what it holds, and the median time of the
    /// search one keystroke in the reader runs (every entry scanned, the best 500 kept).
    func bench(_ index: SearchIndex, built: Duration, seconds: Double) {
        let timing = RepeatedTiming(seconds: seconds) { index.run(query, limit: 500).matched }
        let memory = index.memory
        StandardOutput.write(
            "\(index.count) entries, index built in "
                + String(format: "%.0f ms", built.milliseconds)
                + String(format: "; %.1f MB beside the library; ", Double(memory) / 1e6)
                + "'\(query)': \(timing.last) matches, median "
                + String(format: "%.1f ms over %d searches\n", timing.median, timing.runs))
    }
}
