/// How long text takes to read: its words at a reading speed.
///
/// A word is a run of characters between spaces; in Chinese, Japanese and Korean text,
/// which is written without spaces, each character counts as a word (so a page of CJK
/// text is not one "word"). Punctuation of its own (`—`, `·`) is not a word.
public enum ReadingTime {
    /// Words a minute when the config does not say (a common estimate for reading on a
    /// screen; CJK characters are read a little faster than English words, so CJK times
    /// err on the long side).
    public static let defaultWordsPerMinute = 200

    /// What each ASCII byte is to a word: 1 a space (space, tab, line feed, carriage
    /// return), 2 a letter or digit, 0 anything else.
    private static let asciiClasses: [UInt8] = (0..<128).map { (byte: UInt8) -> UInt8 in
        if byte == 32 || byte == 10 || byte == 9 || byte == 13 { return 1 }
        let isLetter = (byte | 0x20) &- 97 < 26 || byte &- 48 < 10
        return isLetter ? 2 : 0
    }

    /// The words of UTF-8 text (assumed valid).
    ///
    /// Runs over every section's text of a library, so ASCII takes a branch-free path
    /// (table, then bit arithmetic): a word boundary costs no mispredicted branch.
    public static func words(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        asciiClasses.withUnsafeBufferPointer { classes in
            // `inWord` and `hasLetter` as 0 or 1.
            var words = 0
            var inWord = 0
            var hasLetter = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    let c = Int(classes[Int(b)])
                    let space = c & 1
                    // A space ends a word that holds a letter or digit (a lone `*` is none).
                    words &+= space & inWord & hasLetter
                    inWord = space ^ 1
                    hasLetter = (hasLetter | (c >> 1)) & inWord
                    i += 1
                    continue
                }
                // A multi-byte character: its scalar value, for the CJK ranges.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + length <= n else { break }
                var scalar = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                if isCJK(scalar) {
                    words &+= inWord & hasLetter
                    inWord = 0
                    hasLetter = 0
                    words += 1
                } else if scalar == 0xA0 || (0x2000...0x200A).contains(scalar)
                    || (0x3000...0x303F).contains(scalar) || isFullwidthPunctuation(scalar)
                {
                    // No-break and typographic spaces part words, and so does CJK
                    // punctuation (`、`, `。`, `「`), which is no word of its own.
                    words &+= inWord & hasLetter
                    inWord = 0
                    hasLetter = 0
                } else {
                    inWord = 1
                    // Letters of other scripts (é, ß, Кириллица): anything but the general
                    // punctuation block and arrows, dashes and bullets around it.
                    if !(0x2010...0x2BFF).contains(scalar), scalar != 0xB7 { hasLetter = 1 }
                }
            }
            return words &+ (inWord & hasLetter)
        }
    }

    /// The words of `text`.
    public static func words(in text: String) -> Int {
        var text = text
        return text.withUTF8 { words(inUTF8: $0) }
    }

    /// Han ideographs, kana and Hangul syllables: characters read as words.
    @inline(__always)
    static func isCJK(_ scalar: UInt32) -> Bool {
        (0x3040...0x30FF).contains(scalar)  // hiragana, katakana
            || (0x3400...0x4DBF).contains(scalar)  // CJK extension A
            || (0x4E00...0x9FFF).contains(scalar)  // CJK unified ideographs
            || (0xAC00...0xD7AF).contains(scalar)  // Hangul syllables
            || (0xF900...0xFAFF).contains(scalar)  // compatibility ideographs
            || (0x20000...0x3134F).contains(scalar)  // extensions B to G
    }

    /// Fullwidth punctuation (`！`, `（`, `：`), written with CJK text.
    @inline(__always)
    static func isFullwidthPunctuation(_ scalar: UInt32) -> Bool {
        (0xFF01...0xFF0F).contains(scalar) || (0xFF1A...0xFF20).contains(scalar)
            || (0xFF3B...0xFF40).contains(scalar) || (0xFF5B...0xFF65).contains(scalar)
    }

    /// Whole minutes to read `words` at `wordsPerMinute`, rounded up (any text takes at
    /// least a minute; none takes none).
    public static func minutes(words: Int, wordsPerMinute: Int = defaultWordsPerMinute) -> Int {
        guard words > 0 else { return 0 }
        let speed = max(1, wordsPerMinute)
        return (words + speed - 1) / speed
    }

    /// `4 min`, `1 h 20 min`, `2 h`; `<1 min` for none.
    public static func label(minutes: Int) -> String {
        if minutes <= 0 { return "<1 min" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        let rest = minutes % 60
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }

    /// `4m`, `1h20`: for narrow columns.
    public static func shortLabel(minutes: Int) -> String {
        if minutes < 60 { return "\(max(minutes, 1))m" }
        let rest = minutes % 60
        return rest == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(rest < 10 ? "0" : "")\(rest)"
    }
}

/// The words of every issue and section of a library, by id: what reading times are
/// worked out from.
///
/// Counted after the library is read (on all cores, off the UI thread in the reader),
/// not while it is parsed, so parsing and loading from the cache do not pay for it.
public struct ReadingTimes: Sendable, Equatable {
    private var issues: [ItemID: Int] = [:]
    private var sections: [ItemID: Int] = [:]

    /// None counted: every time unknown.
    public init() {}

    /// Counts the words of every section of `library`; an issue that `previous` counted
    /// and that is unchanged in it keeps its counts (a library read again after an edit).
    public init(_ library: Library, previous: (library: Library, times: ReadingTimes)? = nil) {
        var before: [ItemID: Issue] = [:]
        if let previous {
            for issue in previous.library.issues { before[issue.id] = issue }
        }
        let known = UncheckedSendable((before, previous?.times))
        let counted = library.issues.parallelMap { issue -> [(ItemID, Int)] in
            let (before, times) = known.value
            if let times, before[issue.id] == issue {
                return issue.sections.map { ($0.id, times.words(ofSection: $0.id) ?? 0) }
            }
            return issue.sections.map { ($0.id, ReadingTime.words(in: $0.text)) }
        }
        issues.reserveCapacity(library.issues.count)
        for (issue, sections) in zip(library.issues, counted) {
            var total = 0
            for (id, words) in sections {
                self.sections[id] = words
                total += words
            }
            issues[issue.id] = total
        }
    }

    /// The words of the issue with `id`; nil when not counted.
    public func words(ofIssue id: ItemID) -> Int? { issues[id] }

    /// The words of the section with `id`; nil when not counted.
    public func words(ofSection id: ItemID) -> Int? { sections[id] }
}
