/// Finds a calendar date in free text and gives it as an ISO 8601 date (`2021-06-11`).
///
/// Documents write dates many ways: `2021-06-11`, `2021/06/11`, `Fri, 11 Jun 2021 14:16:22
/// GMT`, `June 11, 2021`, `Jun 11, 2021`, `11 June 2021`, `2021年6月11日`, often with other
/// words around them (`September 28, 2022 London Futurists Season 1 Episode 6`). Month names
/// are read in English, French, German and Spanish. Ambiguous numeric forms (`06/11/2021`)
/// are not guessed.
public enum DateParser {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case month(Int)
        case word
        case separator(Character)
    }

    private static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "janvier", "janv", "januar", "jän", "enero", "ene"],
            ["february", "feb", "février", "fevrier", "févr", "fev", "februar", "febrero"],
            ["march", "mar", "mars", "märz", "marzo"],
            ["april", "apr", "avril", "avr", "abril", "abr"],
            ["may", "mai", "mayo"],
            ["june", "jun", "juin", "juni", "junio"],
            ["july", "jul", "juillet", "juil", "juli", "julio"],
            ["august", "aug", "août", "aout", "agosto", "ago"],
            ["september", "sep", "sept", "septembre", "septiembre"],
            ["october", "oct", "octobre", "oktober", "okt", "octubre"],
            ["november", "nov", "novembre", "noviembre"],
            [
                "december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre",
                "dic",
            ],
        ]
        var table: [String: Int] = [:]
        for (index, list) in names.enumerated() {
            for name in list { table[name] = index + 1 }
        }
        return table
    }()

    /// How many bytes a month's name takes, from the shortest to the longest.
    private static let monthNameLengths: ClosedRange<Int> = {
        let lengths = months.keys.map(\.utf8.count)
        return lengths.min()!...lengths.max()!
    }()

    /// The first date in `text`, as `YYYY-MM-DD`, or nil.
    public static func isoDate(in text: String) -> String? {
        guard mayHoldDate(text) else { return nil }
        return firstDate(in: tokenize(text))
    }

    /// Whether `text` is nothing but a date (and perhaps a time and weekday).
    public static func isDateOnly(_ text: String) -> Bool { dateOnly(text) != nil }

    /// The date of a text that is nothing but a date (and perhaps a time and weekday), as
    /// `YYYY-MM-DD`; nil for any other text.
    ///
    /// At most 16 tokens, two of them words: longer text (a paragraph that happens to hold
    /// a year) is ruled out once its seventeenth token is read, not tokenized whole.
    public static func dateOnly(_ text: String) -> String? {
        guard mayHoldDate(text) else { return nil }
        let tokens = tokenize(text, limit: 17)
        let words = tokens.count { if case .word = $0 { return true } else { return false } }
        guard words <= 2, tokens.count <= 16 else { return nil }
        return firstDate(in: tokens)
    }

    private static func firstDate(in tokens: [Token]) -> String? {
        for i in tokens.indices {
            if let date = match(tokens, at: i) { return date }
        }
        return nil
    }

    /// Whether `text` could hold a date.
    ///
    /// Every form here has a run of exactly four ASCII digits for its year and another run
    /// for its day or month. Most text has no such pair and needs no tokenizing.
    static func mayHoldDate(_ text: String) -> Bool {
        mayHoldDate(text.utf8)
    }

    /// Whether UTF-8 text could hold a date; see `mayHoldDate(_:)`.
    static func mayHoldDate(_ utf8: some Sequence<UInt8>) -> Bool {
        var run = 0
        var year = false
        var runs = 0
        for byte in utf8 {
            if byte >= 48 && byte <= 57 {
                run += 1
            } else if run > 0 {
                if run == 4 { year = true }
                runs += 1
                run = 0
            }
        }
        if run > 0 {
            if run == 4 { year = true }
            runs += 1
        }
        return year && runs >= 2
    }

    private static func match(_ t: [Token], at i: Int) -> String? {
        func number(_ k: Int) -> (Int, Int)? {
            guard k < t.count, case .number(let v, let d) = t[k] else { return nil }
            return (v, d)
        }
        func month(_ k: Int) -> Int? {
            guard k < t.count, case .month(let m) = t[k] else { return nil }
            return m
        }
        func separator(_ k: Int, _ allowed: Set<Character>) -> Bool {
            guard k < t.count, case .separator(let c) = t[k] else { return false }
            return allowed.contains(c)
        }
        // 2021-06-11, 2021/06/11, 2021.06.11, 2021年6月11日
        if let (y, yd) = number(i), yd == 4 {
            for seps in [Set<Character>(["-"]), ["/"], ["."], ["年"]] {
                let second: Set<Character> = seps == ["年"] ? ["月"] : seps
                if separator(i + 1, seps), let (m, _) = number(i + 2), separator(i + 3, second),
                    let (d, _) = number(i + 4)
                {
                    return format(y, m, d)
                }
            }
        }
        // June 11, 2021 / Jun 11 2021
        if let m = month(i) {
            var k = i + 1
            if separator(k, ["."]) { k += 1 }
            if let (d, dd) = number(k), dd <= 2 {
                k += 1
                if separator(k, [",", "."]) { k += 1 }
                if let (y, yd) = number(k), yd == 4 { return format(y, m, d) }
            }
        }
        // 11 June 2021 / 11. Juni 2021 / 11 de junio de 2021
        if let (d, dd) = number(i), dd <= 2 {
            var k = i + 1
            if separator(k, ["."]) { k += 1 }
            if k < t.count, t[k] == .word { k += 1 }  // "de"
            if let m = month(k) {
                k += 1
                if separator(k, [".", ","]) { k += 1 }
                if k < t.count, t[k] == .word { k += 1 }
                if let (y, yd) = number(k), yd == 4 { return format(y, m, d) }
            }
        }
        return nil
    }

    private static func format(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1000...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else {
            return nil
        }
        let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= daysInMonth[m - 1] else { return nil }
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    /// The words, numbers and separators of `text`; whitespace only separates.
    ///
    /// Text in ASCII, nearly every date line, is read byte by byte; other text by
    /// `Character`, whose letters and whitespace are Unicode's (and whose grapheme
    /// breaking costs far more per character).
    ///
    /// With a `limit`, stops once that many tokens are read.
    static func tokenize(_ text: String, limit: Int = .max) -> [Token] {
        var utf8 = text
        let ascii = utf8.withUTF8 {
            $0.allSatisfy { $0 < 0x80 } ? tokenize(ascii: $0, limit: limit) : nil
        }
        return ascii ?? tokenize(characters: text, limit: limit)
    }

    /// `tokenize(_:)` for text known to be ASCII: the tokens `tokenize(characters:)`
    /// gives for it.
    static func tokenize(ascii: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < ascii.count, tokens.count < limit {
            let byte = ascii[index]
            var end = index + 1
            if byte >= 48 && byte <= 57 {
                var value = 0
                var fits = true
                while true {
                    let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                    let (sum, carry) = times10.addingReportingOverflow(Int(ascii[end - 1] - 48))
                    fits = fits && !overflow && !carry
                    value = sum
                    guard end < ascii.count, ascii[end] >= 48, ascii[end] <= 57 else { break }
                    end += 1
                }
                // A number too large for `Int` is a word, as `Int(_:)` refuses it.
                tokens.append(fits ? .number(value, digits: end - index) : .word)
            } else if isASCIILetter(byte) {
                while end < ascii.count, isASCIILetter(ascii[end]) { end += 1 }
                var month: Int?
                if monthNameLengths.contains(end - index) {
                    month =
                        months[
                            String(
                                decoding: UnsafeBufferPointer(rebasing: ascii[index..<end]),
                                as: UTF8.self
                            )
                            .lowercased()]
                }
                tokens.append(month.map { .month($0) } ?? .word)
            } else if !(byte == 32 || (byte >= 9 && byte <= 13)) {
                tokens.append(.separator(Character(Unicode.Scalar(byte))))
            }
            index = end
        }
        return tokens
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 97 && (byte | 0x20) <= 122
    }

    /// `tokenize(_:)` by `Character`, for any text.
    static func tokenize(characters text: String, limit: Int = .max) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var isDigits = true
        func flush() {
            guard !current.isEmpty else { return }
            if isDigits, let v = Int(current) {
                tokens.append(.number(v, digits: current.count))
            } else if let m = months[current.lowercased()] {
                tokens.append(.month(m))
            } else {
                tokens.append(.word)
            }
            current = ""
            isDigits = true
        }
        for c in text {
            if tokens.count >= limit { break }
            if c.isASCII && c.isNumber {
                if !isDigits && !current.isEmpty { flush() }
                current.append(c)
            } else if c.isLetter && !"年月日".contains(c) {
                if isDigits && !current.isEmpty { flush() }
                isDigits = false
                current.append(c)
            } else {
                flush()
                if !c.isWhitespace { tokens.append(.separator(c)) }
            }
        }
        flush()
        // One character can end a token and be a separator: two tokens at once.
        if tokens.count > limit { tokens.removeLast(tokens.count - limit) }
        return tokens
    }
}
