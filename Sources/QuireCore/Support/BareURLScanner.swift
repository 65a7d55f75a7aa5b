/// Finds bare URLs (`https://…`, `www.…`) in plain text.
///
/// Used for documents that are not Markdown; Markdown goes through md4c's permissive
/// autolinks instead. Follows GitHub's extended autolink rules: a URL ends at whitespace
/// or `<`, trailing punctuation (`.,:;!?"'*_~`) is not part of it, and a closing
/// parenthesis is kept only when it balances an opening one inside the URL.
public enum BareURLScanner {
    /// A URL found in a string.
    public struct Match: Equatable, Sendable {
        /// UTF-8 offsets of the URL in the scanned string.
        public var range: Range<Int>
        /// The URL as written (`www.` ones get `http://` in `url`).
        public var text: String
        /// The address to open.
        public var url: String
    }

    /// Every bare URL in `text`, in order.
    public static func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var result: [Match] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            guard
                byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "H")
                    || byte == UInt8(ascii: "W")
            else {
                i += 1
                continue
            }
            if i > 0, isWordByte(bytes[i - 1]) {
                i += 1
                continue
            }
            var prefixLength = 0
            var needsScheme = false
            if hasPrefix(bytes, at: i, "https://") {
                prefixLength = 8
            } else if hasPrefix(bytes, at: i, "http://") {
                prefixLength = 7
            } else if hasPrefix(bytes, at: i, "www.") {
                prefixLength = 4
                needsScheme = true
            }
            guard prefixLength > 0 else {
                i += 1
                continue
            }
            var end = i + prefixLength
            while end < n, !isTerminator(bytes[end]) { end += 1 }
            end = trimTrailing(bytes, from: i + prefixLength, to: end)
            // A URL needs a host with at least one character after the prefix.
            if end > i + prefixLength {
                let found = String(decoding: bytes[i..<end], as: UTF8.self)
                result.append(
                    Match(range: i..<end, text: found, url: needsScheme ? "http://" + found : found)
                )
                i = end
            } else {
                i += prefixLength
            }
        }
        return result
    }

    private static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count {
            var b = bytes[index + k]
            if b >= 65 && b <= 90 { b += 32 }
            if b != p[k] { return false }
        }
        return true
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
            || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: ".") || b == UInt8(ascii: "@")
    }

    private static func isTerminator(_ b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13 || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`")
    }

    private static func trimTrailing(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var end = end
        // Brackets inside the URL, counted once: trimming a closer updates its count, so a
        // URL ending in thousands of `)` costs one pass, not one per bracket.
        var counts: [UInt8: Int] = [:]
        for b in bytes[start..<end] where b == 40 || b == 41 || b == 91 || b == 93 {
            counts[b, default: 0] += 1
        }
        while end > start {
            let last = bytes[end - 1]
            switch last {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
                UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "*"),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                end -= 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                let open: UInt8 = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
                guard counts[last, default: 0] > counts[open, default: 0] else { return end }
                counts[last, default: 0] -= 1
                end -= 1
            default:
                // Curly quotes and similar multi-byte closers (’ ” »).
                if end - start >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80,
                    [0x99, 0x9D, 0xA6].contains(bytes[end - 1])
                {
                    end -= 3
                } else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xBB {
                    end -= 2
                } else {
                    return end
                }
            }
        }
        return end
    }
}
