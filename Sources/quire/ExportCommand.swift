import ArgumentParser
import Foundation
import QuireCore

/// `quire export`: the reading items, filtered by state, in a form other tools import.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the reading items (all, or unread, starred or read) for other tools.",
        discussion: """
            markdown: a checklist per issue ([x] read, ★ starred). json: as `quire list \
            --format json`. csv: RFC 4180 with a header (url, text, issue, section, read, \
            starred, id). html: the Netscape bookmark file every browser imports, a \
            folder per issue, starred items tagged "starred". Items without an address \
            (sections without links, works named without a URL) are left out of html.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json, csv, html
    }

    @OptionGroup var library: LibraryOptions
    @OptionGroup var state: StateOptions
    @Flag(help: "Only the items that are…") var filter: ListCommand.Filter?
    @Option(help: "Output format: markdown, json, csv or html.") var format: Format = .markdown

    func run() throws {
        let loaded = library.load()
        let items = try ReadingItems.selected(in: loaded, state: state, filter: filter)
        let out: String
        switch format {
        case .json: out = ReadingItems.render(items, as: .json)
        case .markdown: out = ReadingItems.markdown(items)
        case .csv: out = ReadingItems.csv(items)
        case .html: out = ReadingItems.bookmarks(items)
        }
        StandardOutput.write(out)
        finish(loaded)
    }
}

extension ReadingItems {
    /// A checklist per issue: `- [x] [text](url) · section ★`.
    static func markdown(_ items: [ReadingItem]) -> String {
        var out = "# Reading list\n"
        var issue: String?
        for item in items {
            if item.issue != issue {
                out += "\n## \(escapedMarkdown(item.issue))\n\n"
                issue = item.issue
            }
            let text = escapedMarkdown(item.text)
            let link = item.url.map {
                "[\(text)](<\($0.replacingOccurrences(of: ">", with: "%3E"))>)"
            }
            out += "- [\(item.state.read ? "x" : " ")] \(link ?? text)"
            if item.section != item.text { out += " · \(escapedMarkdown(item.section))" }
            out += item.state.starred ? " ★\n" : "\n"
        }
        return out
    }

    private static func escapedMarkdown(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }

    /// RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, a
    /// quote or a line break.
    static func csv(_ items: [ReadingItem]) -> String {
        func field(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = "url,text,issue,section,read,starred,id\r\n"
        for item in items {
            out +=
                [
                    item.url ?? "", item.text, item.issue, item.section, String(item.state.read),
                    String(item.state.starred), item.id.description,
                ].map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The Netscape bookmark file format browsers export and import: a `<DL>` folder per
    /// issue, an `<A HREF>` per item with an address.
    static func bookmarks(_ items: [ReadingItem]) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "<", with: "&lt;"
            )
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(
                of: "\"", with: "&quot;")
        }
        var out = """
            <!DOCTYPE NETSCAPE-Bookmark-file-1>
            <!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->
            <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
            <TITLE>Bookmarks</TITLE>
            <H1>Bookmarks</H1>
            <DL><p>

            """
        var issue: String?
        for item in items {
            guard let url = item.url else { continue }
            if item.issue != issue {
                if issue != nil { out += "    </DL><p>\n" }
                out += "    <DT><H3>\(escaped(item.issue))</H3>\n    <DL><p>\n"
                issue = item.issue
            }
            let tags = item.state.starred ? " TAGS=\"starred\"" : ""
            out += "        <DT><A HREF=\"\(escaped(url))\"\(tags)>\(escaped(item.text))</A>\n"
        }
        if issue != nil { out += "    </DL><p>\n" }
        return out + "</DL><p>\n"
    }
}
