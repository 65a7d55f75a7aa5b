/// Reads chapter markers: a timestamp and a title on one line.
///
/// Accepted timestamps are `M:SS`, `MM:SS`, `H:MM:SS` (and `HH:MM:SS.mmm`), the same with
/// dots (`26.25`), and
/// any of them in brackets or parentheses (`[01:02:03]`, `(1:05:30)`), after an at sign
/// (`@1:25`, `[@01:11]`). The marker may lead
/// (`12:34 Title`, `12:34 - Title`, `- [12:34] Title`) or close the line (`Title (12:34)`).
/// Seconds and minutes within an hour must be under 60, so `3.75` is not a time.
public enum Timestamp {
    /// A chapter marker found in a line.
    struct Marker: Equatable {
        /// Offset in whole seconds.
        var seconds: Int
        /// UTF-8 range of the title in the line.
        var titleRange: Range<Int>
        /// UTF-8 range of the timestamp in the line.
        var stampRange: Range<Int>
    }

    /// The chapter marker in `line`, or nil when the line is not one.
    static func marker(in line: Substring) -> Marker? {
        if let found = line.utf8.withContiguousStorageIfAvailable({ marker(utf8: $0) }) {
            return found
        }
        return Array(line.utf8).withUnsafeBufferPointer { marker(utf8: $0) }
    }

    /// The chapter marker in the line whose UTF-8 is `line`, or nil.
    static func marker(utf8 line: UnsafeBufferPointer<UInt8>) -> Marker? {
        // Cheap test first: a marker line starts with a digit, bracket or bullet, or ends
        // with a digit and a bracket.
        guard let first = line.first, let last = line.last else { return nil }
        let leads =
            (first >= 48 && first <= 57) || first == 91 || first == 40 || first == 45 || first == 42
            || first == 43 || first == 95 || first == 64
            || (first == 0xE2 && line.count >= 3 && line[1] == 0x80 && line[2] == 0xA2)
        let closes =
            (last == 41 || last == 93) && line.count >= 2 && line[line.count - 2] >= 48
            && line[line.count - 2] <= 57
        guard leads || closes else { return nil }
        return leading(line) ?? trailing(line)
    }

    /// Parses `H:MM:SS`, `MM:SS`, `MM.SS` (the whole string); returns seconds.
    static func seconds(_ stamp: String) -> Int? {
        let bytes = Array(stamp.utf8)
        return bytes.withUnsafeBufferPointer { bytes in
            guard let (value, length) = parseTime(bytes, at: 0), length == bytes.count else {
                return nil
            }
            return value
        }
    }

    /// Formats seconds as `M:SS` or `H:MM:SS`.
    public static func format(_ seconds: Int) -> String {
        let h = seconds / 3600
        let m = (seconds % 3600) / 60
        let s = seconds % 60
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(m):\(pad(s))"
    }

    private static func leading(_ b: UnsafeBufferPointer<UInt8>) -> Marker? {
        var i = 0
        // A list bullet: "- ", "* ", "+ ", "• ", "1. "
        if i + 1 < b.count, (b[i] == 45 || b[i] == 42 || b[i] == 43), b[i + 1] == 32 { i += 2 }
        if i + 3 < b.count, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0xA2, b[i + 3] == 32 {
            i += 4
        }
        while i < b.count, b[i] == 32 || b[i] == 42 || b[i] == 95 { i += 1 }  // bold/italic markers
        var closer: UInt8?
        if i < b.count, b[i] == 91 || b[i] == 40 {
            closer = b[i] == 91 ? 93 : 41
            i += 1
        }
        // `@1:25`, `[@01:11]`: an at sign before the time, as some show notes write it.
        if i + 1 < b.count, b[i] == 64, b[i + 1] >= 48, b[i + 1] <= 57 { i += 1 }
        let stampStart = i
        guard let (seconds, length) = parseTime(b, at: i) else { return nil }
        i += length
        let stampEnd = i
        if let closer {
            guard i < b.count, b[i] == closer else { return nil }
            i += 1
        }
        while i < b.count, b[i] == 42 || b[i] == 95 { i += 1 }
        // The timestamp must be a word of its own: "12:34" not "12:34pm".
        guard
            i == b.count || b[i] == 32 || b[i] == 9 || b[i] == 45 || b[i] == 58 || b[i] == 124
                || b[i] >= 0x80
        else { return nil }
        // A time alone on its line (`4:10`, then the chapter's bullets below it) is a
        // marker whose title is the next line's.
        if i == b.count {
            return Marker(seconds: seconds, titleRange: i..<i, stampRange: stampStart..<stampEnd)
        }
        i = skipSeparators(b, from: i)
        guard i < b.count else { return nil }
        return Marker(
            seconds: seconds, titleRange: i..<trimEnd(b, i, b.count),
            stampRange: stampStart..<stampEnd)
    }

    private static func trailing(_ b: UnsafeBufferPointer<UInt8>) -> Marker? {
        guard let last = b.last, last == 41 || last == 93 else { return nil }
        let opener: UInt8 = last == 41 ? 40 : 91
        guard let open = b.lastIndex(of: opener), open > 0 else { return nil }
        guard let (seconds, length) = parseTime(b, at: open + 1), open + 1 + length == b.count - 1
        else {
            return nil
        }
        var end = open
        while end > 0, b[end - 1] == 32 || b[end - 1] == 45 { end -= 1 }
        guard end > 0 else { return nil }
        return Marker(seconds: seconds, titleRange: 0..<end, stampRange: (open + 1)..<(b.count - 1))
    }

    /// Skips spaces and one dash, en/em dash, colon or bar between timestamp and title.
    private static func skipSeparators(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count {
            if b[i] == 32 || b[i] == 9 || b[i] == 45 || b[i] == 58 || b[i] == 124 {
                i += 1
            } else if i + 2 < b.count, b[i] == 0xE2, b[i + 1] == 0x80,
                b[i + 2] == 0x93 || b[i + 2] == 0x94
            {
                i += 3
            } else {
                break
            }
        }
        return i
    }

    private static func trimEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, b[end - 1] == 32 || b[end - 1] == 9 { end -= 1 }
        return end
    }

    /// Parses 2 or 3 groups of digits joined by one kind of separator (`:` or `.`).
    private static func parseTime(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var groups: [(value: Int, digits: Int)] = []
        var i = start
        var separator: UInt8?
        while true {
            var value = 0
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57, digits < 3 {
                value = value * 10 + Int(b[i] - 48)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            groups.append((value, digits))
            guard groups.count < 3, i + 1 < b.count, b[i] == 58 || b[i] == 46, b[i + 1] >= 48,
                b[i + 1] <= 57
            else { break }
            if let separator, separator != b[i] { break }
            separator = b[i]
            i += 1
        }
        guard groups.count >= 2, i == b.count || !(b[i] >= 48 && b[i] <= 57) else { return nil }
        // `00:31:42.500`: milliseconds after a colon time are read and dropped.
        if separator == 58, i + 1 < b.count, b[i] == 46, b[i + 1] >= 48, b[i + 1] <= 57 {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        // Every group after the first is exactly two digits and under 60.
        for group in groups.dropFirst() where group.digits != 2 || group.value >= 60 { return nil }
        if groups.count == 3 {
            guard groups[0].digits <= 2 else { return nil }
            return (groups[0].value * 3600 + groups[1].value * 60 + groups[2].value, i - start)
        }
        return (groups[0].value * 60 + groups[1].value, i - start)
    }
}
