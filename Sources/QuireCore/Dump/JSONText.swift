/// Writes JSON values as text: strings escaped per RFC 8259, non-ASCII kept as UTF-8.
///
/// The one JSON writer: `quire dump`, the state file and its journal, and the JSON of
/// `quire list` and `quire search`.
public struct JSONText {
    private(set) var output: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) { output.reserveCapacity(capacity) }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String?) -> String {
        var j = JSONText(reservingCapacity: (text?.utf8.count ?? 4) + 2)
        j.string(text)
        return UTF8Text.string(validated: j.output)
    }

    mutating func raw(_ text: StaticString) {
        output.append(
            contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func raw(_ text: String) { output.append(contentsOf: text.utf8) }

    mutating func indent(_ depth: Int) {
        output.append(10)
        for _ in 0..<(depth * 2) { output.append(32) }
    }

    mutating func string(_ value: String?) {
        guard let value else {
            raw("null")
            return
        }
        output.append(34)
        for byte in value.utf8 {
            switch byte {
            case 34: raw("\\\"")
            case 92: raw("\\\\")
            case 10: raw("\\n")
            case 13: raw("\\r")
            case 9: raw("\\t")
            case 0..<32, 127:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                raw("\\u00")
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 15)])
            default: output.append(byte)
            }
        }
        output.append(34)
    }

    mutating func number(_ value: Int?) {
        guard let value else {
            raw("null")
            return
        }
        raw(String(value))
    }
}
