import ArgumentParser
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

    func run() throws {
        let loaded = library.load()
        let marks = (try? state.store.load()) ?? ReadState()
        let index = SearchIndex(loaded)
        let hits = index.search(query, marks: marks, limit: max(0, limit))
        var out = format == .json ? "[\n" : ""
        for (n, hit) in hits.enumerated() {
            let issue = loaded.issues[hit.entry.issue]
            let section = hit.entry.section.map { issue.sections[$0] }
            let link = hit.entry.link.flatMap { l in section.map { $0.links[l] } }
            let text = link?.text ?? section?.title ?? issue.title
            let place = [issue.title, section?.title].compactMap { $0 }.joined(separator: " › ")
            switch format {
            case .text:
                out +=
                    "\(hit.entry.kind.rawValue)\t\(text)\t\(place)"
                    + (link?.url.map { "\t\($0)" } ?? "") + "\n"
            case .json:
                out +=
                    "  { \"kind\": \"\(hit.entry.kind.rawValue)\", \"id\": \"\(hit.entry.id)\", \"score\": \(hit.score), "
                out += "\"text\": \(jsonString(text)), \"issue\": \(jsonString(issue.title)), "
                out += "\"section\": \(section.map { jsonString($0.title) } ?? "null"), "
                out +=
                    "\"url\": \(link?.url.map(jsonString) ?? "null") }"
                    + (n + 1 < hits.count ? ",\n" : "\n")
            }
        }
        if format == .json { out += "]\n" }
        StandardOutput.write(out)
        if hits.isEmpty { throw ExitCode(1) }
        finish(loaded)
    }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
