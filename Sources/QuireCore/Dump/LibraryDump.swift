/// The `quire dump` JSON: the library in its versioned contract (version 2; the fields are
/// listed in README.md, "`quire dump` format").
///
/// Version 2 added, on every object and null where it does not apply: an issue's `show`,
/// `episode` (a number) and `duration`; a section's `end`, `author`, `posted`, `number`
/// and `reactions`; a link's `quoted`.
///
/// Keys come in the contract's order and the output is indented two spaces, so dumps
/// diff well and scripts can rely on them. Written by hand rather than with
/// `JSONEncoder`, which cannot keep key order.
public enum LibraryDump {
    /// The format version; a change to the shape needs a new one.
    public static let version = 2

    /// The library as JSON text, ending with a newline.
    public static func json(_ library: Library) -> [UInt8] {
        var j = JSONText(reservingCapacity: 1 << 16)
        object(&j, 0) { j in
            j.indent(1)
            j.raw("\"version\": \(version),")
            list(&j, 1, "issues", library.issues) { j, issue in
                object(&j, 2) { j in issueBody(&j, issue) }
            }
        }
        j.raw("\n")
        return j.output
    }

    private static func issueBody(_ j: inout JSONText, _ issue: Issue) {
        field(&j, 3, "id") { $0.string(issue.id.description) }
        field(&j, 3, "title") { $0.string(issue.title) }
        field(&j, 3, "kind") { $0.string(issue.kind.rawValue) }
        field(&j, 3, "path") { $0.string(issue.path) }
        field(&j, 3, "url") { $0.string(issue.url) }
        field(&j, 3, "date") { $0.string(issue.date) }
        field(&j, 3, "show") { $0.string(issue.kind == .showNotes ? issue.source : nil) }
        field(&j, 3, "episode") { $0.number(issue.episodeNumber) }
        field(&j, 3, "duration") { $0.number(issue.duration) }
        list(&j, 3, "sections", issue.sections) { j, section in
            object(&j, 4) { j in
                field(&j, 5, "id") { $0.string(section.id.description) }
                field(&j, 5, "title") { $0.string(section.title) }
                field(&j, 5, "level") { $0.number(section.level) }
                field(&j, 5, "start") { $0.number(section.start) }
                field(&j, 5, "end") { $0.number(section.end) }
                field(&j, 5, "author") { $0.string(section.author) }
                field(&j, 5, "posted") { $0.string(section.posted) }
                field(&j, 5, "number") { $0.number(section.number) }
                field(&j, 5, "reactions") {
                    $0.number(issue.kind == .thread ? section.reactions : nil)
                }
                field(&j, 5, "text") { $0.string(section.text) }
                list(&j, 5, "links", section.links) { j, link in
                    j.raw("{ \"id\": ")
                    j.string(link.id.description)
                    j.raw(", \"text\": ")
                    j.string(link.text)
                    j.raw(", \"url\": ")
                    j.string(link.url)
                    j.raw(", \"title\": ")
                    j.string(link.title)
                    j.raw(", \"quoted\": ")
                    j.raw(link.quoted ? "true" : "false")
                    j.raw(" }")
                }
            }
        }
    }

    /// `{`, what `body` writes, and `}` on a line of its own at `depth`.
    private static func object(
        _ j: inout JSONText, _ depth: Int, _ body: (inout JSONText) -> Void
    ) {
        j.raw("{")
        body(&j)
        j.indent(depth)
        j.raw("}")
    }

    /// `"key": [` on a line at `depth`, each element on a line one deeper with commas
    /// between, and `]` (on the key's line when the list is empty).
    private static func list<Elements: Collection>(
        _ j: inout JSONText, _ depth: Int, _ key: StaticString, _ elements: Elements,
        _ element: (inout JSONText, Elements.Element) -> Void
    ) {
        j.indent(depth)
        j.raw("\"")
        j.raw(key)
        j.raw("\": [")
        var first = true
        for value in elements {
            if !first { j.raw(",") }
            first = false
            j.indent(depth + 1)
            element(&j, value)
        }
        if !elements.isEmpty { j.indent(depth) }
        j.raw("]")
    }

    private static func field(
        _ j: inout JSONText, _ depth: Int, _ key: StaticString, _ value: (inout JSONText) -> Void
    ) {
        j.indent(depth)
        j.raw("\"")
        j.raw(key)
        j.raw("\": ")
        value(&j)
        j.raw(",")
    }
}
