import Foundation

/// RFC 2047 encoded words (`=?UTF-8?Q?Luc=C3=ADa?=`) decoded by quire.
///
/// For the headers GMime decodes lossily: a word that says UTF-8 but holds Latin-1 bytes
/// (as old list archives have them) comes out of GMime with `?` for each such byte. Here
/// its bytes are read as UTF-8 when they are, else as Windows-1252; other charsets go
/// through glib.
enum EncodedWords {
    /// `field` (a header's raw value) with its encoded words decoded; text between two
    /// encoded words that is only whitespace goes, as the RFC says.
    static func decode(_ field: [UInt8]) -> String {
        var out = ""
        var plain: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var lastWasWord = false
        var index = 0
        // Each encoded word, and each run of plain text, is read as text on its own: one
        // mislabelled word does not make the rest Windows-1252.
        func flushPlain() {
            out += text(plain)
            plain = []
        }
        while index < field.count {
            if field[index] == UInt8(ascii: "="), index + 1 < field.count,
                field[index + 1] == UInt8(ascii: "?"),
                let (decoded, end) = word(in: field, at: index)
            {
                if !lastWasWord { plain += pendingSpace }
                pendingSpace = []
                flushPlain()
                out += text(decoded)
                index = end
                lastWasWord = true
                continue
            }
            let byte = field[index]
            if byte == 32 || byte == 9 {
                pendingSpace.append(byte)
            } else {
                plain += pendingSpace
                pendingSpace = []
                plain.append(byte)
                lastWasWord = false
            }
            index += 1
        }
        plain += pendingSpace
        flushPlain()
        return out
    }

    /// The bytes of the encoded word starting at `start` and where it ends; nil when
    /// what starts there is no well-formed encoded word.
    private static func word(in field: [UInt8], at start: Int) -> ([UInt8], Int)? {
        let question = UInt8(ascii: "?")
        var cursor = start + 2
        guard let charsetEnd = field[cursor...].firstIndex(of: question) else { return nil }
        let charset = String(decoding: field[cursor..<charsetEnd], as: UTF8.self).lowercased()
        cursor = charsetEnd + 1
        guard cursor + 1 < field.count, field[cursor + 1] == question else { return nil }
        let encoding = field[cursor] | 0x20
        cursor += 2
        var end = cursor
        while end + 1 < field.count,
            !(field[end] == question && field[end + 1] == UInt8(ascii: "="))
        {
            end += 1
        }
        guard end + 1 < field.count else { return nil }
        let payload = Array(field[cursor..<end])
        let bytes: [UInt8]
        switch encoding {
        case UInt8(ascii: "q"): bytes = quoted(payload)
        case UInt8(ascii: "b"):
            var padded = String(decoding: payload, as: UTF8.self)
            while padded.utf8.count % 4 != 0 { padded += "=" }
            guard let data = Data(base64Encoded: padded) else { return nil }
            bytes = [UInt8](data)
        default: return nil
        }
        // `UTF-8*en` (RFC 2231 language) names the same charset.
        let name = charset.split(separator: "*").first.map(String.init) ?? charset
        if ["utf-8", "utf8", "us-ascii", "ascii"].contains(name) {
            return (bytes, end + 2)
        }
        return (Charset.convert(bytes, from: name) ?? bytes, end + 2)
    }

    /// Q encoding: `_` a space, `=XX` a byte.
    private static func quoted(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 65...70: byte - 55
            case 97...102: byte - 87
            default: nil
            }
        }
        while index < payload.count {
            let byte = payload[index]
            if byte == UInt8(ascii: "_") {
                out.append(32)
            } else if byte == UInt8(ascii: "="), index + 2 < payload.count,
                let high = hex(payload[index + 1]), let low = hex(payload[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Bytes as text: UTF-8 when they are, else Windows-1252 (what mislabelled mail is).
    private static func text(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            UTF8Text.firstInvalid(buffer) == nil
                ? UTF8Text.string(validated: buffer) : WindowsCP1252.decode(buffer)
        }
    }
}
