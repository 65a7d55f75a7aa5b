/// Turns a URL into the key that identifies its reading item.
///
/// Two spellings of one address should be one item: the scheme and host are lower-cased,
/// `http` and `https` are the same, a default port is dropped, an empty path becomes `/`,
/// tracking parameters (`utm_*`, `fbclid`, `gclid`, …) are removed, and a plain fragment
/// (`#deepmind`, `#section-2`) is dropped because it points into the same page. Fragments
/// that are routes (`#/path`, `#!path`) are kept. Works on strings, without Foundation, so
/// it is cheap for hundreds of thousands of links.
public enum URLNormalizer {
    /// Query parameters that track a click and say nothing about the page.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
        "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "oly_enc_id", "oly_anon_id",
        "vero_id", "spm", "__s", "s_cid",
    ]

    /// The identity key of `url`; see the type's summary for what it folds together.
    public static func identityKey(for url: String) -> String {
        var rest = Substring(url.trimmingWhitespace())
        var scheme = ""
        if let colon = rest.firstIndex(of: ":"), rest[rest.startIndex..<colon].allSatisfy(isSchemeCharacter),
            !rest[rest.startIndex..<colon].isEmpty
        {
            scheme = rest[rest.startIndex..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if scheme == "http" { scheme = "https" }
        guard rest.hasPrefix("//") else {
            // mailto:, urn:, doi: and the like: only the scheme is case-insensitive.
            return scheme.isEmpty ? String(rest) : scheme + ":" + rest
        }
        rest = rest.dropFirst(2)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[rest.startIndex..<authorityEnd].lowercased()
        rest = rest[authorityEnd...]
        if authority.hasSuffix(":443") || authority.hasSuffix(":80") {
            authority = String(authority[..<authority.lastIndex(of: ":")!])
        }
        if authority.hasSuffix(".") { authority.removeLast() }

        var fragment: Substring = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[hash...]
            rest = rest[..<hash]
            if !(fragment.hasPrefix("#/") || fragment.hasPrefix("#!")) { fragment = "" }
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let path = rest.isEmpty ? "/" : rest
        let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            let name = (pair.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
            return !(name.hasPrefix("utm_") || trackingParameters.contains(name))
        }
        var key = scheme + "://" + authority + path
        if !kept.isEmpty { key += "?" + kept.joined(separator: "&") }
        return key + fragment
    }

    private static func isSchemeCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "+" || c == "-" || c == ".")
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
