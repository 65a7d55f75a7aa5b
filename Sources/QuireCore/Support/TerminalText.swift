/// The one sanitiser between text quire did not write and a terminal.
///
/// Documents are written by other people, and a terminal obeys what it is sent: an escape
/// sequence can clear the screen (`ESC[2J`), set the title (`OSC 0`), write the clipboard
/// (`OSC 52`) or, on some terminals, answer back as if typed. Every string from a document
/// passes `sanitized(_:)` before it reaches the screen buffer, the status line, an OSC 8
/// target, a clipboard payload or the CLI's text output; `removingControls(from:)` takes
/// the same sequences out of a file's bytes before it is parsed, so a document's structure
/// never depends on them.
///
/// What counts as control, in both: C0 controls, DEL, C1 controls (U+0080–U+009F), and
/// whole escape sequences — `ESC [` … final byte (CSI), `ESC ]`, `ESC P`, `ESC ^`, `ESC _`,
/// `ESC X` … up to BEL or ST (OSC, DCS, PM, APC, SOS), `ESC` plus intermediates and a final
/// byte — and their C1 forms (U+009B, U+009D…). A string sequence never runs past a line
/// break, so an unterminated one cannot swallow the rest of a document. For the terminal,
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what
/// is shown, are removed too.
public enum TerminalText {
    /// What stands on screen where an escape sequence was removed.
    public static let escapeMarker = "\u{241B}"

    /// `text` safe to write to a terminal.
    ///
    /// Escape sequences become `escapeMarker` (`␛`), so the reader shows that something was
    /// there; other controls and bidi overrides are dropped. A tab becomes `tab`; a line
    /// break, CR included, becomes a space unless `keepsLineBreaks` (the CLI's multi-line
    /// output keeps its `\n`s, and its TSV its tabs, with `tab: "\t"`).
    public static func sanitized(
        _ text: some StringProtocol, tab: String = " ", keepsLineBreaks: Bool = false
    ) -> String {
        var text = String(text)
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 })
        else { return text }
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            let changed = scan(bytes, removesBidi: true) { piece in
                switch piece {
                case .text(let range):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                case .escapeSequence:
                    out.append(contentsOf: escapeMarker.utf8)
                case .control(let byte):
                    switch byte {
                    case 9: out.append(contentsOf: tab.utf8)
                    case 10: out.append(keepsLineBreaks ? 10 : 32)
                    case 13: if !keepsLineBreaks { out.append(32) }
                    default: break
                    }
                case .bidi:
                    break
                }
            }
            return changed ? UTF8Text.string(out) : nil
        } ?? text
    }

    /// A file's bytes with escape sequences and controls taken out, or nil when it has none.
    ///
    /// Tab, line feed and carriage return stay (they are the text's layout); form feed and
    /// vertical tab become spaces; everything else that `sanitized` would remove, bidi
    /// overrides aside, goes. `removed` counts the sequences and characters taken out.
    public static func removingControls(from bytes: UnsafeBufferPointer<UInt8>)
        -> (bytes: [UInt8], removed: Int)?
    {
        guard mayHoldControls(bytes) else { return nil }
        var out: [UInt8] = []
        var removed = 0
        out.reserveCapacity(bytes.count)
        _ = scan(bytes, removesBidi: false) { piece in
            switch piece {
            case .text(let range):
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            case .control(let byte) where byte == 9 || byte == 10 || byte == 13:
                out.append(byte)
            case .control(let byte) where byte == 11 || byte == 12:
                out.append(32)
            case .escapeSequence, .control, .bidi:
                removed += 1
            }
        }
        return removed == 0 ? nil : (out, removed)
    }

    /// `text` with escape sequences and controls taken out as `removingControls(from:)`
    /// does for a file; for text a parser decoded from references (libxml2's `&#27;`).
    static func removingControls(from text: String) -> String {
        var text = text
        guard let cleaned = text.withUTF8({ removingControls(from: $0) }) else { return text }
        return UTF8Text.string(cleaned.bytes)
    }

    /// Whether `bytes` may hold a control other than tab, line feed and carriage return:
    /// eight bytes at a time, each word checked for a byte below 0x20, DEL or `C2` (the
    /// lead byte of C1 controls) before its bytes are looked at one by one.
    static func mayHoldControls(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let below = (word &- ones &* 0x20) & ~word & highs != 0
            if below || hasZero(word ^ (ones &* 0x7F)) || hasZero(word ^ (ones &* 0xC2)) {
                for k in i..<(i + 8) where isControl(bytes, at: k) { return true }
            }
            i += 8
        }
        while i < bytes.count {
            if isControl(bytes, at: i) { return true }
            i += 1
        }
        return false
    }

    private static func isControl(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        let byte = bytes[k]
        if byte < 0x20 { return byte != 9 && byte != 10 && byte != 13 }
        if byte == 0xC2 { return k + 1 < bytes.count && (0x80...0x9F).contains(bytes[k + 1]) }
        return byte == 0x7F
    }

    enum Piece {
        /// Bytes to keep as they are.
        case text(Range<Int>)
        /// A whole escape sequence (or its C1 form).
        case escapeSequence
        /// A single C0 control, DEL or a C1 control that starts no sequence.
        case control(UInt8)
        /// A bidirectional override or isolate.
        case bidi
    }

    /// Splits `bytes` into text and control pieces; returns whether any control (layout
    /// ones included) was found.
    ///
    /// C1 controls are recognised in their UTF-8 form (`C2 80`–`C2 9F`); bytes that are not
    /// UTF-8 are left as text for the caller's decoder.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, removesBidi: Bool, _ body: (Piece) -> Void
    ) -> Bool {
        let n = bytes.count
        var start = 0
        var i = 0
        var found = false
        func flush(_ end: Int) {
            if start < end { body(.text(start..<end)) }
        }
        while i < n {
            let byte = bytes[i]
            if byte >= 0x20, byte != 0x7F, byte != 0xC2, byte != 0xE2 {
                i += 1
                continue
            }
            // C1 control as UTF-8 (U+0080–U+009F).
            var c1: UInt8?
            if byte == 0xC2 {
                guard i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) else {
                    i += 1
                    continue
                }
                c1 = bytes[i + 1]
            }
            if byte == 0xE2 {
                guard removesBidi, i + 2 < n, isBidiControl(bytes[i + 1], bytes[i + 2]) else {
                    i += 1
                    continue
                }
                flush(i)
                body(.bidi)
                found = true
                i += 3
                start = i
                continue
            }
            if byte == 9 || byte == 10 || byte == 13 {
                flush(i)
                found = true
                body(.control(byte))
                i += 1
                start = i
                continue
            }
            flush(i)
            found = true
            if byte == 0x1B {
                i = endOfEscape(bytes, from: i + 1)
                body(.escapeSequence)
            } else if let c1 {
                switch c1 {
                case 0x9B:
                    i = endOfCSI(bytes, from: i + 2)
                    body(.escapeSequence)
                case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                    i = endOfString(bytes, from: i + 2)
                    body(.escapeSequence)
                default:
                    i += 2
                    body(.control(c1))
                }
            } else {
                i += 1
                body(.control(byte))
            }
            start = i
        }
        flush(n)
        return found
    }

    /// U+202A–U+202E and U+2066–U+2069 after their lead byte `E2`.
    private static func isBidiControl(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xAA...0xAE).contains(third))
            || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    /// The end of the sequence whose `ESC` stood just before `from`.
    private static func endOfEscape(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count else { return from }
        switch bytes[from] {
        case 0x5B: return endOfCSI(bytes, from: from + 1)  // [
        case 0x5D, 0x50, 0x5E, 0x5F, 0x58: return endOfString(bytes, from: from + 1)  // ] P ^ _ X
        default:
            // ESC, intermediates (0x20–0x2F), one final byte (0x30–0x7E).
            var i = from
            while i < bytes.count, (0x20...0x2F).contains(bytes[i]) { i += 1 }
            if i < bytes.count, (0x30...0x7E).contains(bytes[i]) { i += 1 }
            return i
        }
    }

    /// The end of a CSI's parameters, intermediates and final byte; stops before any byte
    /// that cannot be part of one.
    private static func endOfCSI(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < bytes.count {
            let byte = bytes[i]
            if (0x40...0x7E).contains(byte) { return i + 1 }
            guard (0x20...0x3F).contains(byte) else { return i }
            i += 1
        }
        return i
    }

    /// The end of a string sequence: after BEL or ST (`ESC \` or U+009C), or before a line
    /// break.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < bytes.count {
            switch bytes[i] {
            case 0x07: return i + 1
            case 10, 13: return i
            case 0x1B:
                return i + 1 < bytes.count && bytes[i + 1] == 0x5C ? i + 2 : i + 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x9C: return i + 2
            default: i += 1
            }
        }
        return i
    }
}
