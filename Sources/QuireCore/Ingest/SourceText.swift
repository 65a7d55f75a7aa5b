import Foundation

/// A document's text made ready for parsing: BOM and front matter removed, LF line endings.
struct SourceText: Sendable {
    /// The body after the front matter.
    var body: String
    /// `key: value` pairs from YAML front matter, keys lower-cased.
    var frontMatter: [String: String]
    /// Whether the body is written in Markdown (decided by content).
    var isMarkdown: Bool

    init(_ raw: String) {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.containsByte(13) {
            text = text.replacingCRLF()
        }
        let (frontMatter, body) = FrontMatter.split(text)
        self.frontMatter = frontMatter
        self.body = body
        self.isMarkdown = MarkdownSignals.looksLikeMarkdown(body)
    }

    /// The blocks of the body, read by md4c when it is Markdown, else as plain text.
    func blocks() -> [Block] {
        isMarkdown ? MarkdownReader.blocks(from: body) : PlainTextReader.blocks(from: body)
    }
}

extension String {
    /// The string with CRLF and lone CR line endings made LF.
    func replacingCRLF() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var previousWasCR = false
        for byte in utf8 {
            if byte == 13 {
                bytes.append(10)
                previousWasCR = true
            } else {
                if !(byte == 10 && previousWasCR) { bytes.append(byte) }
                previousWasCR = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// YAML front matter: a `---` line, `key: value` lines, and a closing `---` or `...`.
///
/// Only flat scalar keys are read (`title`, `date`, `url`, `kind`, …); that is all quire
/// uses, and it keeps a YAML library out of the build. Quotes around values are removed.
enum FrontMatter {
    static func split(_ text: String) -> ([String: String], String) {
        guard text.hasPrefix("---\n") else { return ([:], text) }
        var values: [String: String] = [:]
        var offset = 4
        let lines = text.dropFirst(4).split(
            separator: "\n", maxSplits: 200, omittingEmptySubsequences: false)
        for line in lines.prefix(200) {
            offset += line.utf8.count + 1
            if line == "---" || line == "..." {
                let utf8 = text.utf8
                let start = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
                return (values, String(text[start...]))
            }
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("-")
            else {
                continue
            }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            var value = line[line.index(after: colon)...].trimmingWhitespace()
            if value.count >= 2, let first = value.first, first == value.last,
                first == "\"" || first == "'"
            {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty, !value.isEmpty, values[key] == nil { values[key] = value }
        }
        return ([:], text)
    }
}

/// Decides whether text is Markdown by looking for its constructs.
enum MarkdownSignals {
    /// True when the text has an ATX or setext heading, an inline link, a reference
    /// definition, a fenced code block, or several bullets or strong spans.
    static func looksLikeMarkdown(_ text: String) -> Bool {
        var bullets = 0
        var strong = 0
        var previousLineHasText = false
        var text = text
        return text.withUTF8 { bytes -> Bool in
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
