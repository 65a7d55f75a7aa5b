/// HTML character references (`&amp;`, `&#8212;`, `&#x2014;`) decoded as CommonMark asks.
///
/// md4c hands a reference over verbatim and knows no names; this table is the HTML
/// standard's (`HTMLEntities+Table.swift`, written by `scripts/gen-entities`). A name the
/// standard does not define stays as written, and a numeric reference to nothing (zero, a
/// surrogate, past U+10FFFF) or to a control character (`&#27;` would be ESC; only tab
/// and line feed are kept) becomes U+FFFD, so no reference puts a control into the text.
enum HTMLEntities {
    /// The UTF-8 bytes `reference` (`&…;`, as md4c reports it) stands for, or nil when it
    /// names nothing and should stay as written.
    static func decode(_ reference: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard reference.count >= 3, reference[0] == 38, reference[reference.count - 1] == 59
        else { return nil }
        if reference[1] == 35 {
            return numeric(UnsafeBufferPointer(rebasing: reference[2..<(reference.count - 1)]))
        }
        let name = String(decoding: reference[1..<(reference.count - 1)], as: UTF8.self)
        return named[name]
    }

    /// The replacement character, for references to nothing.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func numeric(_ digits: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let first = digits.first else { return nil }
        let hex = first == 120 || first == 88
        var value: UInt32 = 0
        var count = 0
        for byte in digits.dropFirst(hex ? 1 : 0) {
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 97...102 where hex: digit = UInt32(byte - 87)
            case 65...70 where hex: digit = UInt32(byte - 55)
            default: return nil
            }
            value = value &* (hex ? 16 : 10) &+ digit
            count += 1
            if count > 8 { return replacement }
        }
        guard count > 0 else { return nil }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return replacement }
        if (value < 0x20 && value != 9 && value != 10) || (0x7F...0x9F).contains(value) {
            return replacement
        }
        return Array(String(Character(scalar)).utf8)
    }

    /// Name → UTF-8 bytes, read from `table` on first use.
    private static let named: [String: [UInt8]] = {
        var result: [String: [UInt8]] = [:]
        result.reserveCapacity(2200)
        for line in table.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            var bytes: [UInt8] = []
            for field in line[line.index(after: space)...].split(separator: ",") {
                if let value = UInt32(field, radix: 16), let scalar = Unicode.Scalar(value) {
                    bytes.append(contentsOf: String(Character(scalar)).utf8)
                }
            }
            result[String(line[..<space])] = bytes
        }
        return result
    }()
}
