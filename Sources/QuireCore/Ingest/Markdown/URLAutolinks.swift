#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Bare URLs (`http://`, `https://`, `ftp://` and `www.`) in a piece of Markdown text,
/// found as md4c's permissive URL and WWW autolinks find them.
///
/// md4c can find these itself (`MD_FLAG_PERMISSIVEURLAUTOLINKS`, `…WWWAUTOLINKS`), but it
/// then takes every `:` and `.` of a block as a candidate, the ones inside link
/// destinations included, and a newsletter is mostly link destinations: the two flags
/// cost a tenth of quire's load time. The walker instead hands each piece of plain text
/// md4c reports (the text between two of md4c's resolved marks, so never a destination,
/// code or HTML) to `matches(in:…)`.
///
/// The rules are md4c 0.4.8's: a scheme and `://`, or `www.`, at the start of a line or
/// after whitespace or one of `*_~([`; a domain of letters, digits, `-`, `_` and `.` with
/// at least one dot and no `_` in its last two labels; a path up to whitespace, `<` or the
/// end of the piece; trailing `?!.,:*_~` dropped, and a trailing `)` when the path has more
/// `)` than `(`. A `www.` address links to `http://` and the address. Because md4c
/// resolves emphasis before handing text out, a URL holding emphasis markers
/// (`http://a.com/x*y*`) ends where the emphasis starts; with md4c's own flags it would
/// include them (DECISIONS.md).
enum URLAutolinks {
    /// Bytes a scheme may follow.
    private static let before = ByteSet(" \t\u{0B}\u{0C}*_~([".utf8)
    /// Trailing bytes that are not part of a URL.
    private static let trailing = ByteSet("?!.,:*_~".utf8)

    /// A URL found in a piece.
    struct Match: Equatable {
        /// Where it is in the piece.
        var range: Range<Int>
        /// Whether its address is `http://` and its text (a `www.` address).
        var needsScheme: Bool
    }

    /// The URLs in `piece`, in order.
    ///
    /// - Parameters:
    ///   - piece: Text md4c reported, pointing into `source` when `offset` is not nil.
    ///   - source: The whole document, for the bytes before the piece.
    ///   - offset: Where `piece` starts in `source`; nil for text md4c made.
    static func matches(
        in piece: UnsafeBufferPointer<UInt8>, source: UnsafeBufferPointer<UInt8>, offset: Int?
    ) -> [Match] {
        guard let base = piece.baseAddress, piece.count >= 5 else { return [] }
        var found: [Match] = []
        var cursor = 0
        // The next `:` and the next `www.` from the cursor, found again once passed.
        var colon = -1
        var www = -1
        while cursor < piece.count {
            if colon < cursor {
                colon =
                    memchr(base + cursor, 58, piece.count - cursor).map {
                        UnsafeRawPointer($0) - UnsafeRawPointer(base)
                    } ?? piece.count
            }
            if www < cursor { www = nextWWW(piece, from: cursor) }
            // md4c reads candidates in the order of their `:` and `.`.
            if colon < www + 3, colon < piece.count {
                cursor = colon + 1
                guard colon + 3 < piece.count, piece[colon + 1] == 47, piece[colon + 2] == 47,
                    let start = schemeStart(piece, colon: colon, source: source, offset: offset),
                    let end = urlEnd(piece, domainStart: colon + 3)
                else { continue }
                found.append(Match(range: start..<end, needsScheme: false))
                cursor = end
            } else if www < piece.count {
                cursor = www + 1
                guard www + 4 < piece.count,
                    mayStart(piece, at: www, source: source, offset: offset),
                    let end = urlEnd(piece, domainStart: www + 4)
                else { continue }
                found.append(Match(range: www..<end, needsScheme: true))
                cursor = end
            } else {
                break
            }
        }
        return found
    }

    /// Where the next `www.` at or after `from` starts, or the piece's end: found by its
    /// dot (text has far fewer dots than `w`s).
    private static func nextWWW(_ piece: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = piece.baseAddress else { return piece.count }
        var cursor = from + 3
        while cursor < piece.count,
            let found = memchr(base + cursor, 46, piece.count - cursor)
        {
            let dot = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if piece[dot - 1] == 119, piece[dot - 2] == 119, piece[dot - 3] == 119 {
                return dot - 3
            }
            cursor = dot + 1
        }
        return piece.count
    }

    /// Where the scheme before the `:` at `colon` starts, when it is one and stands where
    /// a URL may start.
    private static func schemeStart(
        _ piece: UnsafeBufferPointer<UInt8>, colon: Int, source: UnsafeBufferPointer<UInt8>,
        offset: Int?
    ) -> Int? {
        let start: Int
        if colon >= 4, matches(piece, colon - 4, "http") {
            start = colon - 4
        } else if colon >= 5, matches(piece, colon - 5, "https") {
            start = colon - 5
        } else if colon >= 3, matches(piece, colon - 3, "ftp") {
            start = colon - 3
        } else {
            return nil
        }
        return mayStart(piece, at: start, source: source, offset: offset) ? start : nil
    }

    /// Whether a URL may start at `start`: by the byte before it, which may lie before the
    /// piece.
    private static func mayStart(
        _ piece: UnsafeBufferPointer<UInt8>, at start: Int, source: UnsafeBufferPointer<UInt8>,
        offset: Int?
    ) -> Bool {
        if start > 0 { return before.contains(piece[start - 1]) }
        guard let offset else { return true }
        return isLineStart(source, offset) || before.contains(source[offset - 1])
    }

    /// Whether `offset` starts a line's content: nothing before it on its line but
    /// indentation and block quote markers.
    private static func isLineStart(_ source: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var index = offset
        while index > 0 {
            let byte = source[index - 1]
            if byte == 10 || byte == 13 { return true }
            if byte != 32, byte != 9, byte != 62 { return false }
            index -= 1
        }
        return true
    }

    private static func matches(
        _ piece: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString
    )
        -> Bool
    {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for index in bytes.indices where piece[at + index] != bytes[index] { return false }
        return true
    }

    /// The end of the URL whose domain starts at `domainStart`, or nil when the domain is
    /// not one.
    private static func urlEnd(_ piece: UnsafeBufferPointer<UInt8>, domainStart: Int) -> Int? {
        var index = domainStart
        var dots = 0
        var underscoreInLast = false
        var underscoreInNextToLast = false
        while index < piece.count {
            let byte = piece[index]
            if isASCIIAlphanumeric(byte) || byte == 45 {
            } else if byte == 46 {
                dots += 1
                underscoreInNextToLast = underscoreInLast
                underscoreInLast = false
            } else if byte == 95 {
                underscoreInLast = true
            } else {
                break
            }
            index += 1
        }
        if index > domainStart, piece[index - 1] == 46 {
            index -= 1
            dots -= 1
        }
        guard index > domainStart, dots > 0, !underscoreInLast, !underscoreInNextToLast else {
            return nil
        }
        var opened = 0
        var excess = 0
        while index < piece.count {
            let byte = piece[index]
            if byte == 60 || byte == 32 || (byte >= 9 && byte <= 13) { break }
            if byte == 40 {
                opened += 1
            } else if byte == 41 {
                if opened > 0 { opened -= 1 } else { excess += 1 }
            }
            index += 1
        }
        while true {
            let last = piece[index - 1]
            if trailing.contains(last) {
                index -= 1
            } else if last == 41, excess > 0 {
                index -= 1
                excess -= 1
            } else {
                break
            }
        }
        return index
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
    }
}
