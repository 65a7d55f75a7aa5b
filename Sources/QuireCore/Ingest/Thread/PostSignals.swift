import Foundation

/// Recognises the lines that shape a forum thread: reactions, greetings, sign-offs,
/// post headers, and standalone titles of works named without a link.
enum PostSignals {
    private static let reactionNouns: Set<String> = [
        "like", "likes", "reaction", "reactions", "heart", "hearts", "upvote", "upvotes", "vote",
        "votes",
        "point", "points", "kudos", "thanks", "boost", "boosts", "favorite", "favorites",
        "favourite",
        "favourites",
    ]
    private static let reactionSymbols: Set<String> = ["❤️", "❤", "♥", "👍", "+", "⭐", "★"]
    /// The first letters of `greetings`, lower-cased.
    private static let greetingInitials = ByteSet(firstBytesOf: greetings)

    private static let greetings: Set<String> = [
        "hi", "hello", "hey", "dear", "greetings", "howdy", "hiya", "heya", "yo", "morning",
        "evening",
    ]
    /// The first letters of `signOffs`, lower-cased.
    private static let signOffInitials = ByteSet(firstBytesOf: signOffs)

    private static let signOffs: [String] = [
        "cheers", "thanks", "thank you", "regards", "best regards", "kind regards", "warm regards",
        "best",
        "all the best", "take care", "sincerely", "yours", "ciao", "cheerio", "thx", "many thanks",
        "br",
    ]
    private static let smallWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "without", "by", "at",
        "from",
        "via", "vs", "is", "as", "into", "over", "under", "is", "are", "be", "do", "not", "its",
        "it",
    ]

    /// The count in a reaction line (`1 Like`, `3 Likes`, `❤️ 2`), or nil.
    static func reactionCount(_ line: String) -> Int? {
        var line = line
        return line.withUTF8 { reactionCount(utf8: $0) }
    }

    /// The count in a reaction line given as UTF-8, or nil; allocates nothing, since thread
    /// detection asks it of every line of every document.
    static func reactionCount(utf8 line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count <= 24 else { return nil }
        // Exactly two words between spaces.
        var words: (Range<Int>, Range<Int>?)?
        var index = 0
        while index < line.count {
            if line[index] == 32 {
                index += 1
                continue
            }
            let start = index
            while index < line.count, line[index] != 32 { index += 1 }
            switch words {
            case nil: words = (start..<index, nil)
            case (let first, nil)?: words = (first, start..<index)
            default: return nil
            }
        }
        guard let (first, second) = words, let second else { return nil }
        let firstWord = UnsafeBufferPointer(rebasing: line[first])
        let secondWord = UnsafeBufferPointer(rebasing: line[second])
        if let n = integer(firstWord),
            reactionNounBytes.contains(where: { equalsIgnoringASCIICase(secondWord, $0) })
        {
            return n
        }
        if let n = integer(secondWord),
            reactionSymbolBytes.contains(where: { $0.elementsEqual(firstWord) })
        {
            return n
        }
        return nil
    }

    private static let reactionNounBytes = reactionNouns.map { Array($0.utf8) }
    private static let reactionSymbolBytes = reactionSymbols.map { Array($0.utf8) }

    /// A decimal integer with an optional sign, as `Int(_:)` reads one (up to 18 digits).
    private static func integer(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var sign = 1
        if let lead = word.first, lead == 43 || lead == 45 {
            sign = lead == 45 ? -1 : 1
            index = 1
        }
        guard index < word.count, word.count - index <= 18 else { return nil }
        var value = 0
        while index < word.count {
            let digit = word[index] &- 48
            guard digit <= 9 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return sign * value
    }

    private static func equalsIgnoringASCIICase(
        _ word: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]
    ) -> Bool {
        guard word.count == lowercase.count else { return false }
        for (byte, expected) in zip(word, lowercase) {
            let folded = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
            if folded != expected { return false }
        }
        return true
    }

    /// `Hi @name,`, `Hello all!`, `@name thanks` — a line that opens a post.
    static func isGreeting(_ line: String) -> Bool {
        guard couldBeGreeting(line.utf8) else { return false }
        if line.utf8.first == 64 { return line.utf8.count > 1 }
        let first = line.prefix(while: { $0.isLetter }).lowercased()
        guard greetings.contains(first) else { return false }
        let rest = line.dropFirst(first.count)
        return rest.isEmpty || rest.first == " " || rest.first == "," || rest.first == "!"
    }

    /// Whether a line given as UTF-8 opens a post; reads its first byte before making a
    /// `String`.
    static func isGreeting(utf8 line: UnsafeBufferPointer<UInt8>) -> Bool {
        couldBeGreeting(line) && isGreeting(UTF8Text.string(line))
    }

    /// A greeting starts with `@` or with a letter a greeting starts with.
    private static func couldBeGreeting(_ utf8: some Collection<UInt8>) -> Bool {
        guard let lead = utf8.first,
            lead == 64 || (lead >= 65 && lead <= 90) || (lead >= 97 && lead <= 122)
        else { return false }
        return lead == 64 || greetingInitials.contains(lead | 0x20)
    }

    /// `Cheers mrfabulous1 :smiley:`, `Thanks, Ann`, `— Bob`: a short line that closes a post.
    static func isSignOff(_ line: String) -> Bool {
        guard couldBeSignOff(line.utf8) else { return false }
        let words = line.split(separator: " ")
        guard !words.isEmpty, words.count <= 8 else { return false }
        if line.hasPrefix("— ") || line.hasPrefix("-- ") || line.hasPrefix("– ") {
            return words.count <= 4
        }
        let lower = line.lowercased()
        for phrase in signOffs where lower.hasPrefix(phrase) {
            let rest = lower.dropFirst(phrase.count)
            if rest.isEmpty || rest.first == " " || rest.first == "," || rest.first == "!"
                || rest.first == "."
            {
                // "Thanks for the paper, it was great." is prose, not a sign-off.
                return !(rest.hasPrefix(" for ") && rest.count > 30)
            }
        }
        return false
    }

    /// Whether a line given as UTF-8 closes a post; reads its length and first byte before
    /// making a `String`.
    static func isSignOff(utf8 line: UnsafeBufferPointer<UInt8>) -> Bool {
        couldBeSignOff(line) && isSignOff(UTF8Text.string(line))
    }

    /// A sign-off is short and starts with a letter one starts with, or a dash.
    private static func couldBeSignOff(_ utf8: some Collection<UInt8>) -> Bool {
        guard utf8.count <= 80, let lead = utf8.first else { return false }
        return signOffInitials.contains(lead | 0x20) || lead == 45 || lead == 0xE2
    }

    /// `P.S.` and friends continue a post after its sign-off.
    static func isPostscript(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("p.s") || lower.hasPrefix("ps:") || lower.hasPrefix("ps ")
            || lower.hasPrefix("edit:")
    }

    /// Verbs of a post header: `Ana wrote:`.
    private static let postVerbs: Set<Substring> = [
        "wrote", "wrote:", "replied", "replied:", "said", "said:", "posted", "commented",
    ]

    /// A heading that introduces a post in a forum export: an author, a date, `wrote`.
    static func isPostHeader(_ heading: String) -> Bool {
        guard heading.utf8.count <= 120 else { return false }
        // Every sign below is ASCII.
        let lower = heading.asciiLowercased()
        // Without a digit, `@` or a verb nothing below can match: most headings stop here.
        guard
            lower.utf8.contains(where: { ($0 >= 48 && $0 <= 57) || $0 == 64 })
                || lower.hasPrefix("re:")
                || postVerbs.contains(where: { lower.containsBytes($0) })
        else { return false }
        let words = lower.split(separator: " ")
        guard !words.isEmpty, words.count <= 10 else { return false }
        if words.dropFirst().contains(where: { postVerbs.contains($0) }) { return true }
        if lower.hasPrefix("re:") || lower.hasPrefix("@") { return true }
        if words.contains(where: { $0.hasPrefix("#") && Int($0.dropFirst()) != nil }) {
            return true
        }  // "Post #3"
        let hasDigit = heading.utf8.contains { $0 >= 48 && $0 <= 57 }
        guard hasDigit else { return false }
        if DateParser.isoDate(in: heading) != nil { return true }
        return words.contains { word in
            let parts = word.split(separator: ":")
            return parts.count == 2 && parts.allSatisfy { Int($0) != nil }
        }
    }

    /// Whether a heading of these bytes passes the first test of `isPostHeader`.
    ///
    /// That is: at most 120 bytes, with a digit, an `@`, a leading `re:` or a post verb in
    /// any case. Most headings fail it, and then no string is made of them.
    static func mayBePostHeader(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard utf8.count <= 120 else { return false }
        if utf8.count >= 3, utf8[0] | 0x20 == UInt8(ascii: "r"),
            utf8[1] | 0x20 == UInt8(ascii: "e"),
            utf8[2] == UInt8(ascii: ":")
        {
            return true
        }
        for index in utf8.indices {
            let byte = utf8[index]
            if (byte >= 48 && byte <= 57) || byte == 64 { return true }
            let lower = byte | 0x20
            guard lower == 0x77 || lower == 0x72 || lower == 0x73 || lower == 0x70 || lower == 0x63
            else { continue }  // w r s p c: the first letters of the verbs
            for verb in verbBytes where verb[0] == lower && index + verb.count <= utf8.count {
                var matches = true
                for offset in 1..<verb.count where utf8[index + offset] | 0x20 != verb[offset] {
                    matches = false
                    break
                }
                if matches { return true }
            }
        }
        return false
    }

    /// The verbs of `postVerbs` without their colons, as bytes.
    private static let verbBytes = ["wrote", "replied", "said", "posted", "commented"].map {
        Array($0.utf8)
    }

    /// Whether a block heads a post: a post-header heading, or a one-line block in the
    /// bar-separated form.
    ///
    /// Runs for every block: bytes first, a string only for headings and the few one-line
    /// blocks with bars.
    static func isPostHeader(_ block: Block) -> Bool {
        if block.isHeading {
            return block.utf8.withUnsafeBufferPointer(mayBePostHeader) && isPostHeader(block.text)
        }
        return block.utf8.count <= 160 && isOneLineWithBars(block.utf8)
            && isFieldHeader(block.text)
    }

    /// Whether `utf8` is one line holding ` | `, as a bar-separated post header does.
    private static func isOneLineWithBars(_ block: SharedSlice<UInt8>) -> Bool {
        block.withUnsafeBufferPointer { utf8 in
            // Most blocks have no bar at all.
            guard let base = utf8.baseAddress, memchr(base, 124, utf8.count) != nil else {
                return false
            }
            var bar = false
            for index in utf8.indices {
                let byte = utf8[index]
                if byte == 10 { return false }
                if byte == 124, index > 0, index + 1 < utf8.count, utf8[index - 1] == 32,
                    utf8[index + 1] == 32
                {
                    bar = true
                }
            }
            return bar
        }
    }

    /// `halseth | 2024-09-16 13:01:59 UTC | #1`: a line of its own that heads a post in
    /// archives that write posts as fields between bars, with a date among them.
    static func isFieldHeader(_ line: String) -> Bool {
        guard line.utf8.count <= 160, line.containsBytes(" | ") else { return false }
        let fields = line.split(separator: "|").map { $0.trimmingWhitespace() }
        guard fields.count >= 2, fields.count <= 5, !fields[0].isEmpty,
            fields[0].split(separator: " ").count <= 3
        else { return false }
        return fields.dropFirst().contains { DateParser.isoDate(in: $0) != nil }
    }

    /// A line that names a paper, book or article: title-cased, no sentence punctuation,
    /// several words (`Zero-Shot Text-to-Image Generation (DALL-E paper)`).
    static func isWorkTitle(_ line: String) -> Bool {
        var text = line
        if text.hasSuffix(":") { text.removeLast() }
        guard text.count >= 8, text.count <= 200, let last = text.last, !".!?,;".contains(last)
        else { return false }
        guard !isGreeting(text), !isSignOff(text), reactionCount(text) == nil,
            !isAttribution(line)
        else { return false }
        if text.contains("http://") || text.contains("https://") || text.contains(" :") {
            return false
        }
        let words = text.split(separator: " ")
        guard words.count >= 3 || (words.count >= 2 && text.contains(":")) else { return false }
        var significant = 0
        var capitalised = 0
        for word in words {
            let letters = word.drop(while: { !$0.isLetter && !$0.isNumber })
            guard let first = letters.first else { continue }
            if smallWords.contains(letters.lowercased()) { continue }
            significant += 1
            if first.isUppercase || first.isNumber { capitalised += 1 }
        }
        return significant >= 2 && capitalised * 4 >= significant * 3
    }

    /// Whether the line introduces a quote of another message: `On Tue, 4 Mar 2025, Ana
    /// wrote:`, `Ana Lima <ana@example.org> writes:`, `Am … schrieb
    /// Ana:`, `Le … a écrit :`.
    static func isAttribution(_ line: some StringProtocol) -> Bool {
        let trimmed = line.trimmingWhitespace().lowercased()
        guard trimmed.hasSuffix(":"), trimmed.count < 300 else { return false }
        return ["wrote:", "writes:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "said:"]
            .contains { trimmed.hasSuffix($0) }
            || (trimmed.hasPrefix("am ") && trimmed.contains(" schrieb "))
    }
}
