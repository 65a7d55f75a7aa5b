import ArgumentParser
import QuireCore

/// `quire list`: a readable outline of the library, or its reading items filtered by state.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print an outline, or the reading items that are unread, starred or read.",
        discussion: """
            With no filter and the text format, prints the outline: issues with kind, date \
            and link count, then their sections. With --unread, --starred or --read, or \
            with --format json or tsv, prints reading items (links, and sections without \
            links, which carry their own mark) one per line. TSV columns: id, state, issue, \
            section, text, url.
            """
    )

    enum Filter: String, EnumerableFlag {
        case unread, starred, read
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, tsv
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var state: StateOptions
    @Flag(help: "Only the items that are…") var filter: Filter?
    @Option(help: "Output format: text, json or tsv.") var format: Format = .text

    func run() throws {
        let loaded = library.load()
        if filter == nil, format == .text {
            StandardOutput.writeText(LibraryOutline.text(loaded))
            finish(loaded)
        }
        let items = try ReadingItems.selected(in: loaded, state: state, filter: filter)
        let out = ReadingItems.render(items, as: format)
        if format == .json { StandardOutput.write(out) } else { StandardOutput.writeText(out) }
        finish(loaded)
    }
}

/// A reading item with where it sits and its marks, for `quire list`.
struct ReadingItem {
    var id: ItemID
    var text: String
    var url: String?
    var issue: String
    var section: String
    var state: (read: Bool, starred: Bool)
}

enum ReadingItems {
    /// The library's reading items with their marks, those `filter` keeps (all when nil).
    ///
    /// Only the marks of this library's items are read: a large state is not read whole.
    static func selected(in library: Library, state: StateOptions, filter: ListCommand.Filter?)
        throws -> [ReadingItem]
    {
        let marks: ReadState
        do {
            marks = ReadState(items: try state.store.marks(of: library.markableIDs))
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(1)
        }
        return all(in: library, marks: marks).filter { item in
            switch filter {
            case nil: true
            case .unread: !item.state.read
            case .read: item.state.read
            case .starred: item.state.starred
            }
        }
    }

    /// Every link, and every section without links, in library order; a link that appears
    /// in several places is listed once, where it first appears.
    static func all(in library: Library, marks: ReadState) -> [ReadingItem] {
        var seen = ItemIDSet()
        var items: [ReadingItem] = []
        for issue in library.issues {
            for section in issue.sections {
                if section.links.isEmpty {
                    items.append(
                        ReadingItem(
                            id: section.id, text: section.title, url: nil, issue: issue.title,
                            section: section.title,
                            state: (marks.isRead(section.id), marks.isStarred(section.id))))
                }
                for link in section.links where seen.insert(link.id) {
                    items.append(
                        ReadingItem(
                            id: link.id, text: link.text, url: link.url, issue: issue.title,
                            section: section.title,
                            state: (marks.isRead(link.id), marks.isStarred(link.id))))
                }
            }
        }
        return items
    }

    static func render(_ items: [ReadingItem], as format: ListCommand.Format) -> String {
        switch format {
        case .tsv:
            return items.map { item in
                [
                    item.id.description, words(item), item.issue, item.section, item.text,
                    item.url ?? "",
                ]
                .map { $0.replacingTabsAndNewlines() }.joined(separator: "\t")
            }.joined(separator: "\n") + (items.isEmpty ? "" : "\n")
        case .json:
            let quote = JSONText.quoted
            var j = "[\n"
            for (index, item) in items.enumerated() {
                j +=
                    "  { \"id\": \(quote(item.id.description)), \"text\": \(quote(item.text)), \"url\": "
                j += quote(item.url)
                j += ", \"issue\": \(quote(item.issue)), \"section\": \(quote(item.section)), "
                j += "\"read\": \(item.state.read), \"starred\": \(item.state.starred) }"
                j += index + 1 < items.count ? ",\n" : "\n"
            }
            return j + "]\n"
        case .text:
            var out = ""
            var place = ""
            for item in items {
                let here = "\(item.issue) › \(item.section)"
                if here != place {
                    out += (out.isEmpty ? "" : "\n") + here + "\n"
                    place = here
                }
                let mark = (item.state.read ? "✓" : " ") + (item.state.starred ? "★" : " ")
                out += "  \(mark) \(item.text)" + (item.url.map { "  <\($0)>" } ?? "") + "\n"
            }
            return out
        }
    }

    private static func words(_ item: ReadingItem) -> String {
        (item.state.read ? "read" : "unread") + (item.state.starred ? ",starred" : "")
    }
}

extension String {
    fileprivate func replacingTabsAndNewlines() -> String {
        String(map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
