import Foundation
import Yams

/// A document's text made ready for parsing: BOM and front matter removed, LF line endings.
///
/// Kept as UTF-8 bytes: a file's bytes, once `SourceFile` has checked them, are parsed in
/// place, with no `String` made of the whole file.
struct SourceText: Sendable {
    /// The body after the front matter, as valid UTF-8.
    var body: ArraySlice<UInt8>
    /// `key: value` pairs from YAML front matter, keys lower-cased.
    var frontMatter: [String: String]
    /// Whether the body is written in Markdown (decided by content).
    var isMarkdown: Bool

    init(_ raw: String) {
        self.init(utf8: Array(raw.utf8))
    }

    /// The text of `raw`, which must be valid UTF-8.
    init(utf8 raw: [UInt8]) {
        var text = raw[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        if text.withUnsafeBufferPointer({
            $0.baseAddress.map { memchr($0, 13, text.count) != nil } ?? false
        }) {
            text = Self.replacingCRLF(text)[...]
        }
        var frontMatter: [String: String] = [:]
        if FrontMatter.openers.contains(where: { text.starts(with: $0.utf8) }) {
            var (found, body) = FrontMatter.split(UTF8Text.string(validated: Array(text)))
            // Show notes that keep their chapter list in the front matter: a `chapters`
            // list, or lines of the description.
            for key in ["chapters", "description", "summary"] {
                guard let notes = found[key], notes.contains("\n") else { continue }
                let markers = notes.split(separator: "\n").count {
                    Timestamp.marker(in: $0.trimmingWhitespace()[...]) != nil
                }
                if markers >= 3 {
                    body = notes + "\n\n" + body
                    found[key] = nil
                    break
                }
            }
            frontMatter = found
            text = Array(body.utf8)[...]
        }
        self.frontMatter = frontMatter
        self.body = text
        self.isMarkdown = text.withUnsafeBufferPointer { MarkdownSignals.looksLikeMarkdown($0) }
    }

    /// The blocks of the body, read by md4c when it is Markdown, else as plain text.
    func blocks() -> [Block] {
        body.withUnsafeBufferPointer { bytes in
            isMarkdown
                ? MarkdownReader.blocks(from: bytes)
                : PlainTextReader.blocks(from: UTF8Text.string(validated: bytes))
        }
    }

    /// `text` with CRLF and lone CR line endings made LF.
    static func replacingCRLF(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var previousWasCR = false
        for byte in text {
            if byte == 13 {
                bytes.append(10)
                previousWasCR = true
            } else {
                if !(byte == 10 && previousWasCR) { bytes.append(byte) }
                previousWasCR = false
            }
        }
        return bytes
    }
}

/// Front matter: a `---` line, YAML, and a closing `---` or `...` line; or, as Hugo
/// writes it, a JSON object from a first line `{` to a line `}`, or TOML between two `+++`
/// lines.
///
/// Read with Yams (libyaml; JSON is YAML too; TOML is read by `TOMLReader` and handed on as
/// JSON), so block scalars (`description: |`), quoted
/// strings, comments and flow lists are YAML's. Keys with scalar values are kept as
/// written (a date stays `2014-11-17`, a number stays its digits), keys lower-cased with
/// camel case split into words; a mapping's scalars are kept under `parent child`; a
/// `chapters` list of `{start, title}` becomes `chapters`, one `start title` line each;
/// other lists are skipped. Text that opens so but does not parse up to a closing line is
/// no front matter and stays in the body.
enum FrontMatter {
    /// The first lines that open front matter: YAML, Hugo's JSON, Hugo's TOML.
    static let openers = ["---\n", "{\n", "+++\n"]

    static func split(_ text: String) -> ([String: String], String) {
        let json = text.hasPrefix("{\n")
        let toml = text.hasPrefix("+++\n")
        guard openers.contains(where: text.hasPrefix) else { return ([:], text) }
        // The closing line: the first `---` or `...` (or `}`, or `+++`) on a line of its own.
        let start = json ? 2 : 4
        var offset = start
        var closing: (end: Int, bodyStart: Int)?
        for line in text.utf8.dropFirst(start).split(
            separator: 10, maxSplits: 1000, omittingEmptySubsequences: false)
        {
            let end = offset + line.count
            if json
                ? line.elementsEqual("}".utf8)
                : toml
                    ? line.elementsEqual("+++".utf8)
                    : line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8)
            {
                closing = (json ? end : offset, min(end + 1, text.utf8.count))
                break
            }
            offset = end + 1
        }
        guard let closing else { return ([:], text) }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: json ? 0 : 4)
        let to = utf8.index(utf8.startIndex, offsetBy: closing.end)
        let bodyStart = utf8.index(utf8.startIndex, offsetBy: closing.bodyStart)
        let matter = String(text[from..<to])
        guard let values = toml ? tomlValues(of: matter) : values(of: matter) else {
            return ([:], text)
        }
        return (values, String(text[bodyStart...]))
    }

    /// The values of a TOML table, read as `values(of:)` reads YAML (`TOMLReader` writes
    /// the table as JSON, dates as strings); nil when `toml` is not TOML.
    static func tomlValues(of toml: String) -> [String: String]? {
        TOMLReader.json(toml).flatMap(values(of:))
    }

    /// The top-level scalar values of a YAML mapping, or nil when `yaml` is not one.
    static func values(of yaml: String) -> [String: String]? {
        if yaml.allSatisfy(\.isWhitespace) { return [:] }
        guard let node = try? Yams.compose(yaml: yaml), let mapping = node.mapping else {
            return nil
        }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string.map(label), !name.isEmpty else { continue }
            if let scalar = value.scalar?.string {
                add(scalar, as: name, to: &values)
            } else if let list = value.sequence, name == "chapters" {
                add(chapterLines(list), as: name, to: &values)
            } else if let inner = value.mapping {
                // One level down, named after its parent: `episode: {duration: …}` is
                // `episode duration` (site generators group an episode's fields so).
                for (key, value) in inner {
                    guard let child = key.string.map(label), !child.isEmpty else { continue }
                    if let scalar = value.scalar?.string {
                        add(scalar, as: name + " " + child, to: &values)
                    } else if let list = value.sequence, child == "chapters" {
                        add(chapterLines(list), as: child, to: &values)
                    }
                }
            }
        }
        return values
    }

    /// A list of chapters (`{start: "00:04:30", title: …}`, also `time`/`name`, or the
    /// start in seconds) as lines of `start title`, for the chapter list reader.
    private static func chapterLines(_ list: Node.Sequence) -> String {
        list.compactMap { item -> String? in
            guard let fields = item.mapping else { return nil }
            var start: String?
            var title: String?
            for (key, value) in fields {
                guard let scalar = value.scalar?.string else { continue }
                switch key.string.map(label) {
                case "start", "time", "timestamp", "start time":
                    start = Double(scalar).map { Timestamp.format(Int($0)) } ?? scalar
                case "title", "name", "text":
                    title = scalar
                default: break
                }
            }
            guard let start, let title else { return nil }
            return start + " " + title
        }.joined(separator: "\n")
    }

    private static func add(_ scalar: String, as name: String, to values: inout [String: String]) {
        let text = scalar.hasSuffix("\n") ? String(scalar.dropLast()) : scalar
        if !text.isEmpty, values[name] == nil { values[name] = text }
    }

    /// A key lower-cased, its camel case split into words (`seasonNumber` → `season number`).
    private static func label(_ key: String) -> String {
        var out = ""
        var previousIsLower = false
        for character in key.trimmingWhitespace() {
            if character.isUppercase, previousIsLower { out.append(" ") }
            previousIsLower = character.isLowercase
            out += character.lowercased()
        }
        return out
    }
}

/// Decides whether text is Markdown by looking for its constructs.
enum MarkdownSignals {
    /// True when the text has an ATX or setext heading, an inline link, a reference
    /// definition, a fenced code block, or several bullets or strong spans.
    static func looksLikeMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bullets = 0
        var strong = 0
        var previousLineHasText = false
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            var first = start
            while first < end, bytes[first] == 32 { first += 1 }
            let line = Substring(
                decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self)
            if let lead = line.utf8.first {
                if lead == 35, isATXHeading(line) { return true }
                if line.hasPrefix("```") || line.hasPrefix("~~~") { return true }
                if lead == 61 || lead == 45, previousLineHasText, line.utf8.count >= 2,
                    line.utf8.allSatisfy({ $0 == lead })
                {
                    return true
                }
                if hasInlineLink(line) || (lead == 91 && isReferenceDefinition(line)) {
                    return true
                }
                if (lead == 45 || lead == 42 || lead == 43), line.utf8.dropFirst().first == 32 {
                    bullets += 1
                }
                if line.containsBytes("**") { strong += 1 }
            }
            previousLineHasText = !line.isEmpty && !line.utf8.allSatisfy({ $0 == 45 })
            start = end + 1
        }
        return bullets >= 3 || strong >= 2
    }

    private static func isATXHeading(_ line: Substring) -> Bool {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return false }
        let rest = line.dropFirst(hashes)
        return rest.first == " " && rest.contains(where: { !$0.isWhitespace })
    }

    /// `[text](destination` with a destination that starts right away.
    private static func hasInlineLink(_ line: Substring) -> Bool {
        guard line.utf8.contains(where: { $0 == 93 }) else { return false }
        var search = line[...]
        while let close = search.range(of: "](") {
            let after = search[close.upperBound...]
            if let first = after.first, !first.isWhitespace, first != ")",
                line[..<close.lowerBound].utf8.contains(91)
            {
                return true
            }
            search = after
        }
        return false
    }

    private static func isReferenceDefinition(_ line: Substring) -> Bool {
        guard line.hasPrefix("["), let close = line.range(of: "]:") else { return false }
        return line[close.upperBound...].first == " " && !line.hasPrefix("[^")
    }
}
