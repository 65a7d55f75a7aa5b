/// Turns a URL into the key that identifies its reading item.
///
/// Two spellings of one address should be one item: the scheme and host are lower-cased,
/// `http` and `https` are the same, a default port is dropped, an empty path becomes `/`,
/// tracking parameters (`utm_*`, `fbclid`, `gclid`, …) are removed, and a plain fragment
/// (`#deepmind`, `#section-2`) is dropped because it points into the same page. Fragments
/// that are routes (`#/path`, `#!path`) are kept. Works on UTF-8 bytes, without
/// Foundation, so it is cheap for hundreds of thousands of links.
public enum URLNormalizer {
    /// Query parameters that track a click and say nothing about the page.
    static let trackingParameters: Set<[UInt8]> = Set(
        [
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
            "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "oly_enc_id", "oly_anon_id", "vero_id", "spm",
            "__s", "s_cid",
        ].map { Array($0.utf8) })

    /// The identity key of `url`; see the type's summary for what it folds together.
    public static func identityKey(for url: String) -> String {
        var bytes = Array(url.utf8)
        while let last = bytes.last, isASCIIWhitespace(last) { bytes.removeLast() }
        let start = bytes.firstIndex(where: { !isASCIIWhitespace($0) }) ?? bytes.count
        var i = start
        while i < bytes.count, isSchemeByte(bytes[i]) { i += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        var rest = start
        if i > start, i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            let scheme = bytes[start..<i].map(lower)
            out += scheme == Array("http".utf8) ? Array("https".utf8) : scheme
            out.append(UInt8(ascii: ":"))
            rest = i + 1
        }
        guard rest + 1 < bytes.count, bytes[rest] == UInt8(ascii: "/"), bytes[rest + 1] == UInt8(ascii: "/") else {
            // mailto:, urn:, doi: and the like: only the scheme is case-insensitive.
            out += bytes[rest...]
            return String(decoding: out, as: UTF8.self)
        }
        out += [47, 47]
        rest += 2
        var authorityEnd = rest
        while authorityEnd < bytes.count, !isDelimiter(bytes[authorityEnd]) { authorityEnd += 1 }
        var authority = bytes[rest..<authorityEnd].map(lower)
        if authority.last == UInt8(ascii: ".") { authority.removeLast() }
        for port in [Array(":443".utf8), Array(":80".utf8)] where authority.count > port.count {
            if Array(authority.suffix(port.count)) == port { authority.removeLast(port.count) }
        }
        out += authority

        var end = bytes.count
        var fragment: ArraySlice<UInt8> = []
        if let hash = bytes[authorityEnd...].firstIndex(of: UInt8(ascii: "#")) {
            let next = hash + 1 < bytes.count ? bytes[hash + 1] : 0
            if next == UInt8(ascii: "/") || next == UInt8(ascii: "!") { fragment = bytes[hash...] }
            end = hash
        }
        var pathEnd = end
        if let mark = bytes[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?")) { pathEnd = mark }
        if pathEnd == authorityEnd { out.append(UInt8(ascii: "/")) } else { out += bytes[authorityEnd..<pathEnd] }
        if pathEnd < end {
            var first = true
            for pair in bytes[(pathEnd + 1)..<end].split(separator: UInt8(ascii: "&")) {
                let nameEnd = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                let name = pair[pair.startIndex..<nameEnd].map(lower)
                if name.starts(with: Array("utm_".utf8)) || trackingParameters.contains(name) { continue }
                out.append(first ? UInt8(ascii: "?") : UInt8(ascii: "&"))
                out += pair
                first = false
            }
        }
        out += fragment
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    @inline(__always) private static func isDelimiter(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#")
    }

    @inline(__always) private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46
    }
}

/// Normalises the text of a work named without a URL into its identity key.
public enum TextNormalizer {
    /// Lower-cased, quotes and surrounding punctuation dropped, whitespace collapsed.
    public static func identityKey(for text: String) -> String {
        let quotes: Set<Character> = ["“", "”", "\"", "‘", "’", "'", "«", "»", "„"]
        let words = text.lowercased().filter { !quotes.contains($0) }
            .split(whereSeparator: { $0.isWhitespace })
        return words.joined(separator: " ").trimmingCharacters(in: ".:;,")
    }
}
