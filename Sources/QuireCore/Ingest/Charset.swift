import CGMime
import Foundation

/// The charset a file says it is in, and converting it to UTF-8 before anything reads it.
///
/// A byte-order mark says UTF-16 (or UTF-8); a feed says it in its XML declaration
/// (`<?xml version="1.0" encoding="ISO-8859-1"?>`), a saved page in a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` near its top. What declares
/// UTF-8 or ASCII, or nothing, is left to `SourceFile`'s checks. Conversion is glib's
/// (iconv's charsets); a file whose bytes do not fit its declaration is left as it is, and
/// then read as `SourceFile` reads any text that is not UTF-8, with a warning.
enum Charset {
    /// The charset `bytes` declare, lower-cased, when it is neither UTF-8 nor ASCII.
    static func declared(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return "utf-16"
        }
        // Only markup declares one: a file whose first byte after spaces is `<`.
        guard let first = bytes.firstIndex(where: { !isASCIIWhitespace($0) }),
            bytes[first] == UInt8(ascii: "<")
        else { return nil }
        // Read as the parsers will: escape sequences and controls taken out.
        let raw = UnsafeBufferPointer(rebasing: bytes[first..<min(bytes.count, first + 2048)])
        let cleaned = TerminalText.removingControls(from: raw)?.bytes ?? Array(raw)
        let head = String(decoding: cleaned, as: UTF8.self).lowercased()
        var name: Substring?
        if head.hasPrefix("<?xml"), let end = head.firstIndex(of: ">") {
            name = value(after: "encoding=", in: head[..<end])
        } else if let meta = head.range(of: "<meta") {
            name = value(after: "charset=", in: head[meta.lowerBound...].prefix(400))
        }
        guard let name, !name.isEmpty, !["utf-8", "utf8", "us-ascii", "ascii"].contains(name)
        else { return nil }
        return String(name)
    }

    /// The value after `key` in `text`, unquoted: `encoding="ISO-8859-1"` → `iso-8859-1`.
    private static func value(after key: String, in text: Substring) -> Substring? {
        guard let found = text.range(of: key) else { return nil }
        let rest = text[found.upperBound...].drop(while: { $0 == "\"" || $0 == "'" })
        return rest.prefix(while: { $0.isLetter || $0.isNumber || "-_:.".contains($0) })
    }

    /// `bytes` converted from `charset` to UTF-8; nil when glib knows no such charset or
    /// the bytes are not in it.
    static func convert(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        var written = 0
        let converted = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                g_convert($0.baseAddress, $0.count, "UTF-8", charset, nil, &written, nil)
            }
        }
        guard let converted else { return nil }
        defer { g_free(converted) }
        var result = Array(UnsafeRawBufferPointer(start: converted, count: written))
        if result.starts(with: [0xEF, 0xBB, 0xBF]) { result.removeFirst(3) }  // its BOM
        return result
    }
}
