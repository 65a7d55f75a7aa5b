/// What a post's header line says about the post: who wrote it, when, and its number.
///
/// Forum archives write headers many ways: `Post #3 by @maria (2022-02-02 10:10 UTC)`,
/// `halseth on 2019-07-25T13:37:01.875Z`, `halseth | 2024-09-16 13:01:59 UTC | #1`,
/// `Ana wrote:`, `@bob replied`. Each part is read on its own, so a header that gives only
/// some of them yields those.
struct PostHeader: Equatable {
    /// The author as written, without `@`.
    var author: String?
    /// ISO 8601: `2024-09-16T13:01:59Z` with a time (`Z` only when the header says UTC),
    /// or the date alone.
    var posted: String?
    /// The post's number (`#3`).
    var number: Int?

    init(author: String? = nil, posted: String? = nil, number: Int? = nil) {
        self.author = author
        self.posted = posted
        self.number = number
    }

    /// Reads `header`.
    init(_ header: String) {
        let text = header.collapsingWhitespace()
        let words = text.split(separator: " ")
        number =
            words.lazy.compactMap { word -> Int? in
                guard word.hasPrefix("#") else { return nil }
                return Int(word.dropFirst().prefix(while: { $0.isASCII && $0.isNumber }))
            }.first
        posted = Self.timestamp(in: text)
        author = Self.author(in: text, words: words)
    }

    private static let verbs: Set<String> = ["wrote", "replied", "said", "posted", "commented"]

    private static func author(in text: String, words: [Substring]) -> String? {
        func clean(_ word: Substring) -> String? {
            let trimmed = word.trimmingCharacters(in: Set("*_:,()[]\"'"))
            let name = trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
            guard !name.isEmpty, name.count <= 40,
                name.contains(where: { $0.isLetter }), Int(name) == nil
            else { return nil }
            return name
        }
        // `halseth | 2024-09-16 … | #1`: the first field.
        if text.contains(" | "), let first = text.split(separator: "|").first {
            let field = first.split(separator: " ")
            if field.count == 1, let name = clean(field[0]) { return name }
        }
        // `Post #3 by @maria (…)`
        // `Posted by: TrainRider Posted at: …`
        if let by = words.firstIndex(where: { $0.lowercased() == "by" || $0.lowercased() == "by:" }
        ),
            by + 1 < words.count
        {
            return clean(words[by + 1])
        }
        // `Ana wrote:`, `@bob replied`, `maria on 2019-07-25…`
        for (index, word) in words.enumerated() where index > 0 {
            let lower = word.lowercased().trimmingCharacters(in: Set(":,"))
            if verbs.contains(lower) || (lower == "on" && index == 1) {
                return index == 1 ? clean(words[0]) : nil
            }
        }
        if let first = words.first, first.hasPrefix("@") { return clean(first) }
        return nil
    }

    /// The first date in `text` with the time after it, as ISO 8601.
    static func timestamp(in text: String) -> String? {
        guard let date = DateParser.isoDate(in: text) else { return nil }
        let bytes = Array(text.utf8)
        // A time is `H:MM` or `HH:MM`, with optional `:SS` and fraction.
        var index = 0
        while index < bytes.count {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            let hourDigits = index - start
            guard hourDigits == 1 || hourDigits == 2, index + 2 < bytes.count,
                bytes[index] == 58, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
                start == 0 || !isDigit(bytes[start - 1])
            else {
                index = max(index, start + 1)
                continue
            }
            let hour = Int(String(decoding: bytes[start..<index], as: UTF8.self))!
            let minute = Int(bytes[index + 1] - 48) * 10 + Int(bytes[index + 2] - 48)
            index += 3
            var second = 0
            if index + 2 < bytes.count, bytes[index] == 58, isDigit(bytes[index + 1]),
                isDigit(bytes[index + 2])
            {
                second = Int(bytes[index + 1] - 48) * 10 + Int(bytes[index + 2] - 48)
                index += 3
            }
            guard hour < 24, minute < 60, second < 60 else { continue }
            while index < bytes.count, bytes[index] == 46 || isDigit(bytes[index]) { index += 1 }
            let rest = String(decoding: bytes[index...], as: UTF8.self).trimmingWhitespace()
            let utc =
                rest.hasPrefix("Z") || rest.hasPrefix("UTC") || rest.hasPrefix("GMT")
                || rest.hasPrefix("+00:00")
            func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(date)T\(pad(hour)):\(pad(minute)):\(pad(second))" + (utc ? "Z" : "")
        }
        return date
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
