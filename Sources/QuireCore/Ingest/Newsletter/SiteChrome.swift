/// Recognises a web page's chrome in a newsletter saved from the web.
///
/// Pages saved from Substack, Ghost, Buttondown and similar carry navigation, buttons,
/// bylines, counters and a comments area around the post. None of it is reading material.
/// Rules are structural where they can be (a block that is only a number or a date, a
/// heading that only links to the site, a byline that only links to a profile) and use a
/// small vocabulary of interface words otherwise.
enum SiteChrome {
    /// Interface words that buttons and tabs are made of; pages run them together
    /// (`SubscribeSign in`, `ReplyShare`), so blocks are matched with spaces removed.
    private static let interfaceWords: [String] = [
        "subscribe", "subscribed", "signin", "signup", "signout", "login", "logout", "share",
        "reply", "replies",
        "comments", "comment", "restacks", "restack", "top", "latest", "discussions", "discussion",
        "like", "likes", "follow", "following", "noposts", "getheapp", "gettheapp", "upgradetopaid",
        "readmore",
        "menu", "search", "home", "archive", "about", "leaveacomment", "copylink", "facebook",
        "email",
        "twitter", "notes", "chat", "activity", "explore", "new", "previous", "next", "back",
    ]

    /// Link texts that are buttons or legal footers, never reading items.
    private static let chromeLinkTexts: Set<String> = [
        "subscribe", "sign in", "sign up", "share", "reply", "like", "restack", "comments",
        "comment",
        "privacy", "privacy policy", "terms", "terms of service", "terms of use",
        "collection notice",
        "get the app", "start your substack", "start writing", "unsubscribe", "view in browser",
        "view online", "manage subscription", "turn on javascript", "leave a comment",
        "read in app",
        "open in app", "copy link", "upgrade to paid", "cookie policy", "cookies",
        // Newsletter emails' header and footer.
        "view this email in your browser", "view this email in a browser", "view in your browser",
        "view it in your browser", "view email in browser", "view web version", "web version",
        "read online", "update your preferences", "update preferences", "manage preferences",
        "email preferences", "manage your subscription", "forward to a friend",
        "unsubscribe from this list", "unsubscribe here",
    ]

    /// The first letters of `chromeLinkTexts`.
    private static let chromeLinkInitials = ByteSet(firstBytesOf: chromeLinkTexts)

    /// No chrome link text is longer than this many bytes.
    static let longestChromeLinkText = 40

    /// Headings that open a page's comments area; what follows them is not the post.
    private static let discussionHeadings: Set<String> = [
        "discussion about this post", "discussion", "comments", "responses", "replies",
        "leave a comment", "join the discussion", "ready for more?", "top comments",
    ]

    /// The first letters of `discussionHeadings`, lower-cased.
    private static let discussionInitials = ByteSet(firstBytesOf: discussionHeadings)

    /// Whether `heading` opens the comments area or the page footer.
    static func opensDiscussion(_ heading: String) -> Bool {
        // The longest such heading is "discussion about this post", spaces collapsed.
        guard heading.utf8.count <= 64,
            let lead = heading.utf8.first(where: { !isASCIIWhitespace($0) }),
            discussionInitials.contains(lead | 0x20) || (lead >= 48 && lead <= 57)
        else { return false }
        let text = heading.collapsingWhitespace().lowercased()
        if discussionHeadings.contains(text) { return true }
        let words = text.split(separator: " ")
        return words.count == 2 && Int(words[0]) != nil
            && (words[1] == "comments" || words[1] == "responses")
    }

    /// Whether a link with this text (UTF-8) is a button or footer item.
    ///
    /// Runs for every short link of a library, so it rules out most texts on their bytes:
    /// chrome texts are ASCII and either start with a letter one of them starts with, or
    /// with a digit (`3 replies`).
    static func isChromeLink(text bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longestChromeLinkText else { return false }
        var first = 0
        while first < bytes.count, isASCIIWhitespace(bytes[first]) { first += 1 }
        guard first < bytes.count else { return false }
        let lead = bytes[first] | 0x20
        guard (lead >= 48 && lead <= 57) || chromeLinkInitials.contains(lead),
            bytes.allSatisfy({ $0 < 0x80 })
        else { return false }
        // A text starting with a letter is one of the list: its length, spaces collapsed,
        // must be one of theirs.
        if lead > 57 {
            var length = 0
            var previousWasSpace = true
            for byte in bytes {
                let space = isASCIIWhitespace(byte)
                if !space || !previousWasSpace { length += 1 }
                previousWasSpace = space
            }
            if previousWasSpace, length > 0 { length -= 1 }
            guard chromeLinkLengths & (1 << length) != 0 else { return false }
        }
        // Lower-cased, whitespace collapsed, on bytes: the text is ASCII and at most
        // `longestChromeLinkText` long, so the key fits on the stack.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestChromeLinkText) {
            key in
            var length = 0
            for byte in bytes[first...] {
                if isASCIIWhitespace(byte) {
                    if length > 0, key[length - 1] != 32 {
                        key[length] = 32
                        length += 1
                    }
                } else {
                    key[length] = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
                    length += 1
                }
            }
            if length > 0, key[length - 1] == 32 { length -= 1 }
            let text = UnsafeBufferPointer(rebasing: key[..<length])
            if lead >= 48 && lead <= 57 {
                // "12 more comments...", "3 replies"
                let words = text.split(separator: 32)
                return words.count <= 4 && words[0].allSatisfy({ $0 >= 48 && $0 <= 57 })
                    && words.contains(where: {
                        $0.starts(with: "comment".utf8) || $0.starts(with: "repl".utf8)
                            || $0.starts(with: "like".utf8)
                    })
            }
            return chromeLinkKeys.contains { $0.count == length && $0.elementsEqual(text) }
        }
    }

    /// One bit per length (in bytes) that some chrome link text has.
    private static let chromeLinkLengths: UInt64 = chromeLinkTexts.reduce(0) {
        $0 | 1 << $1.utf8.count
    }

    /// `chromeLinkTexts` as bytes.
    private static let chromeLinkKeys = chromeLinkTexts.map { Array($0.utf8) }

    /// Whether a heading is chrome: empty, or nothing but links to the site itself.
    static func isChromeHeading(_ block: Block) -> Bool {
        let text = block.text.collapsingWhitespace()
        if text.isEmpty { return true }
        return isCoveredByLinks(block) && block.links.allSatisfy { isSiteLink($0.url) }
    }

    /// Whether a paragraph or list item is chrome.
    ///
    /// Runs for every paragraph and list item of a newsletter, so each rule reads the bytes
    /// first and makes a `String` only for the few blocks that could match it.
    ///
    /// The block is read in place: handed over from an array by value, it would be copied
    /// first (its buffers retained and released), and every block of a newsletter is.
    static func isChromeBlock(at block: UnsafePointer<Block>) -> Bool {
        block.pointee.utf8.withUnsafeBufferPointer { bytes in
            // Buttons, counters and bylines are short; only short blocks need the word checks.
            if bytes.count <= 80, isShortChrome(bytes) { return true }
            if Self.startsWithCopyright(bytes) { return true }
            let spans = block.pointee.links
            let taxonomyFirst = spans.withRecords { records, strings in
                guard let url = records.first?.url else { return false }
                return isTaxonomyLink(UnsafeBufferPointer(rebasing: strings[url]))
            }
            if taxonomyFirst, isTagList(bytes, spans) {
                return true
            }
            guard !spans.isEmpty, isCoveredByLinks(bytes, spans) else { return false }
            func linkText(_ span: LinkSpan) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[span.range.clamped(to: 0..<bytes.count)])
            }
            if spans.allSatisfy({ isChromeLink(text: linkText($0)) }) { return true }
            // A byline: one short link to a person's profile.
            if spans.count == 1, let url = spans[0].url,
                wordCount(linkText(spans[0]), atMost: 5) <= 4, isProfileLink(url)
            {
                return true
            }
            return false
        }
    }

    /// `©` or `Copyright ©` at the start.
    private static func startsWithCopyright(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let sign: (UInt8, UInt8) = (0xC2, 0xA9)
        if bytes.count >= 2, bytes[0] == sign.0, bytes[1] == sign.1 { return true }
        guard bytes.count >= 12, bytes[0] == 67 else { return false }  // C
        return bytes[..<12].elementsEqual("Copyright ©".utf8)
    }

    /// The words (runs of bytes between spaces) in `bytes`, counting no further than `limit`.
    private static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Int {
        var count = 0
        var previousWasSpace = true
        for byte in bytes {
            if byte == 32 {
                previousWasSpace = true
            } else if previousWasSpace {
                count += 1
                if count >= limit { return count }
                previousWasSpace = false
            }
        }
        return count
    }

    /// A short block that is empty, only a number, only a date, or interface words.
    private static func isShortChrome(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var blank = true
        var numeric = true
        var hasDigit = false
        var letters = true
        var length = 0  // with whitespace collapsed
        var previousWasSpace = true
        for byte in bytes {
            let space = isASCIIWhitespace(byte)
            let digit = byte >= 48 && byte <= 57
            if !space { blank = false }
            if digit { hasDigit = true }
            if !(digit || space || byte == 44 || byte == 46) { numeric = false }
            if !(space || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)) {
                letters = false
            }
            if !space || !previousWasSpace { length += 1 }
            previousWasSpace = space
        }
        if previousWasSpace, length > 0 { length -= 1 }
        if blank || numeric { return true }
        if length <= 40, hasDigit, DateParser.mayHoldDate(bytes),
            DateParser.isDateOnly(UTF8Text.string(bytes).collapsingWhitespace())
        {
            return true
        }
        return letters && isInterfaceWords(UTF8Text.string(bytes).collapsingWhitespace())
    }

    /// `SubscribeSign in`, `ReplyShare`, `TopLatestDiscussions`: interface words run together.
    static func isInterfaceWords(_ text: String) -> Bool {
        // Buttons are ASCII letters and spaces; anything else is not a run of them.
        guard
            text.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 32 })
        else {
            return false
        }
        let letters = text.lowercased().filter { !$0.isWhitespace }
        guard !letters.isEmpty, letters.count <= 60 else { return false }
        // Word break over the vocabulary, by dynamic programming on prefix lengths.
        let chars = Array(letters)
        var reachable = [Bool](repeating: false, count: chars.count + 1)
        reachable[0] = true
        for i in 0..<chars.count where reachable[i] {
            for word in interfaceWords where i + word.count <= chars.count {
                if String(chars[i..<(i + word.count)]) == word { reachable[i + word.count] = true }
            }
        }
        return reachable[chars.count]
    }

}
