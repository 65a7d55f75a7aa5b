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
    private static let greetingInitials = Set(greetings.map { $0.utf8.first! })

    private static let greetings: Set<String> = [
        "hi", "hello", "hey", "dear", "greetings", "howdy", "hiya", "heya", "yo", "morning",
        "evening",
    ]
    /// The first letters of `signOffs`, lower-cased.
    private static let signOffInitials = Set(signOffs.map { $0.utf8.first! })

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
        guard line.utf8.count <= 24, line.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        let words = line.split(separator: " ")
        guard words.count == 2 else { return nil }
        if let n = Int(words[0]), reactionNouns.contains(words[1].lowercased()) { return n }
        if let n = Int(words[1]), reactionSymbols.contains(String(words[0])) { return n }
        return nil
    }

    /// `Hi @name,`, `Hello all!`, `@name thanks` — a line that opens a post.
    static func isGreeting(_ line: String) -> Bool {
        guard let lead = line.utf8.first,
            lead == 64 || (lead >= 65 && lead <= 90) || (lead >= 97 && lead <= 122)
        else { return false }
        if lead == 64 { return line.utf8.count > 1 }
        guard greetingInitials.contains(lead | 0x20) else { return false }
        let first = line.prefix(while: { $0.isLetter }).lowercased()
        guard greetings.contains(first) else { return false }
        let rest = line.dropFirst(first.count)
        return rest.isEmpty || rest.first == " " || rest.first == "," || rest.first == "!"
    }

    /// `Cheers mrfabulous1 :smiley:`, `Thanks, Ann`, `— Bob`: a short line that closes a post.
    static func isSignOff(_ line: String) -> Bool {
        guard line.utf8.count <= 80, let lead = line.utf8.first,
            signOffInitials.contains(lead | 0x20) || lead == 45 || lead == 0xE2
        else { return false }
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

    /// A line that names a paper, book or article: title-cased, no sentence punctuation,
    /// several words (`Zero-Shot Text-to-Image Generation (DALL-E paper)`).
    static func isWorkTitle(_ line: String) -> Bool {
        var text = line
        if text.hasSuffix(":") { text.removeLast() }
        guard text.count >= 8, text.count <= 200, let last = text.last, !".!?,;".contains(last)
        else { return false }
        guard !isGreeting(text), !isSignOff(text), reactionCount(text) == nil else { return false }
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
}
