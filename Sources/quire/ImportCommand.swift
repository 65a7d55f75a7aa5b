import ArgumentParser
import Foundation
import QuireCore

/// `quire import csv|pocket|urls FILE`: a reading list from another tool as a document of
/// the library, its read and starred flags carried over to the state.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a reading-list document of another tool's export, keeping its marks.",
        discussion: """
            csv: quire's own export (`quire export --format csv`). pocket: Pocket's CSV \
            export (title, url, status; "archive" is read). urls: one URL a line. The \
            document is written to FOLDER (default: the current folder) as \
            reading-list-<name>.md, never over an existing file, and its items' marks are \
            saved to the state file. Prints the document's path.
            """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case csv, pocket, urls
    }

    @Argument(help: "What the file is: csv, pocket or urls.") var source: Source
    @Argument(help: "The file to import.") var file: String
    @Option(help: "The library folder to write the document to.") var into: String = "."
    @OptionGroup var state: StateOptions

    struct Entry {
        var url: String
        var title: String
        var read = false
        var starred = false
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            StandardError.write("quire: \(file): cannot read as UTF-8 text\n")
            throw ExitCode(1)
        }
        let entries = Self.entries(of: text, as: source)
        guard !entries.isEmpty else {
            StandardError.write("quire: \(file): no item with a web address found\n")
            throw ExitCode(1)
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let path = (into as NSString).appendingPathComponent("reading-list-\(name).md")
        guard !FileManager.default.fileExists(atPath: path) else {
            StandardError.write("quire: \(path): already exists; not overwritten\n")
            throw ExitCode(1)
        }
        do {
            try Self.document(entries, from: file).write(
                toFile: path, atomically: true, encoding: .utf8)
        } catch {
            StandardError.write("quire: \(path): cannot write (\(error.localizedDescription))\n")
            throw ExitCode(1)
        }
        let now = StateClock.now()
        var marks: [ItemID: ItemState] = [:]
        for entry in entries where entry.read || entry.starred {
            let id = Link.identity(text: entry.title, url: entry.url)
            marks[id] = ItemState(read: entry.read, starred: entry.starred, changed: now)
        }
        do {
            if !marks.isEmpty { try state.store.commit(marks) }
        } catch {
            StandardError.write("quire: \(error)\n")
            throw ExitCode(1)
        }
        StandardOutput.write(path + "\n")
    }

    /// The items of an export, those with a web address.
    static func entries(of text: String, as source: Source) -> [Entry] {
        let isWeb = { (url: String) in url.hasPrefix("https://") || url.hasPrefix("http://") }
        switch source {
        case .urls:
            return text.split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter(isWeb).map { Entry(url: $0, title: $0) }
        case .csv, .pocket:
            return CSVReader.rows(text).compactMap { row in
                guard let url = row["url"], isWeb(url) else { return nil }
                let title = row["text"] ?? row["title"] ?? ""
                return Entry(
                    url: url, title: title.isEmpty ? url : title,
                    read: row["read"] == "true" || row["status"] == "archive",
                    starred: row["starred"] == "true")
            }
        }
    }

    /// A Markdown reading list: a link per line, under a heading that names the import.
    ///
    /// Its front matter makes it a plain document, so no item is taken for a newsletter's
    /// buttons (a link called "discussion" or "archives" stays a link).
    static func document(_ entries: [Entry], from file: String) -> String {
        let name = (file as NSString).lastPathComponent
        var out = "---\nkind: document\n---\n\n# Reading list from \(name)\n\n"
        for entry in entries {
            var title = ""
            for character in entry.title where character != "\n" {
                if "\\[]".contains(character) { title.append("\\") }
                title.append(character)
            }
            out += "- [\(title)](<\(entry.url.replacingOccurrences(of: ">", with: "%3E"))>)\n"
        }
        return out
    }
}
