/// The `quire list` outline: issues with kind, date and link count, sections indented
/// under them with their link counts, chapters with their start times.
public enum LibraryOutline {
    /// The outline as text, one line per issue and section.
    public static func text(_ library: Library) -> String {
        var out = ""
        for (index, issue) in library.issues.enumerated() {
            if index > 0 { out += "\n" }
            var facts = [issue.kind.rawValue]
            if let date = issue.date { facts.append(date) }
            facts.append(count(issue.allLinks.count, "link"))
            out += "\(issue.title)  [\(facts.joined(separator: " · "))]\n"
            var about: [String] = []
            if let source = issue.source { about.append(source) }
            if let episode = issue.episode { about.append(episode) }
            if let url = issue.url { about.append(url) }
            about.append(issue.path)
            out += "  " + about.joined(separator: " · ") + "\n"
            let base = issue.sections.map(\.level).min() ?? 1
            for section in issue.sections {
                var line = String(repeating: "  ", count: 1 + section.level - base)
                if let start = section.start { line += Timestamp.format(start) + "  " }
                line += section.title.isEmpty ? "(untitled)" : section.title
                var notes: [String] = []
                if !section.links.isEmpty { notes.append(count(section.links.count, "link")) }
                if section.reactions > 0 { notes.append(count(section.reactions, "reaction")) }
                if !notes.isEmpty { line += "  (" + notes.joined(separator: ", ") + ")" }
                out += line + "\n"
            }
        }
        return out
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
