#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

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
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
        "mc_eid",
        "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "oly_enc_id", "oly_anon_id", "vero_id",
        "spm",
        "__s", "s_cid",
    ]

    /// The identity key of `url`; see the type's summary for what it folds together.
    public static func identityKey(for url: String) -> String {
        String(decoding: identityBytes(for: url), as: UTF8.self)
    }

    /// The identity key as UTF-8 bytes.
    static func identityBytes(for url: String) -> [UInt8] {
        var url = url
        var out: [UInt8] = []
        url.withUTF8 { normalize($0, into: &out) }
        return out
    }

    /// Feeds the identity key to `hasher` without building it, for ids.
    static func hashIdentity(ofUTF8 url: UnsafeBufferPointer<UInt8>, into hasher: inout StableHash)
    {
        normalize(url, into: &hasher)
        hasher.endField()
    }

    private static func normalize<Out: ByteSink>(
        _ all: UnsafeBufferPointer<UInt8>, into out: inout Out
    ) {
        var lower = 0
        var upper = all.count
        while lower < upper, isASCIIWhitespace(all[lower]) { lower += 1 }
        while upper > lower, isASCIIWhitespace(all[upper - 1]) { upper -= 1 }
        var i = lower
        // Nearly every address starts `https://` or `http://`, as written here: the
        // scheme's end is known without reading it byte by byte.
        if upper - lower >= 8, all.hasBytes("https://", at: lower) {
            i = lower + 5
        } else if upper - lower >= 7, all.hasBytes("http://", at: lower) {
            i = lower + 4
        } else {
            while i < upper, isSchemeByte(all[i]) { i += 1 }
        }
        var rest = lower
        if i > lower, i < upper, all[i] == 58 {
            let isHTTP =
                i - lower == 4 && lowered(all[lower]) == 104 && lowered(all[lower + 1]) == 116
                && lowered(all[lower + 2]) == 116 && lowered(all[lower + 3]) == 112
            if isHTTP {
                out.append(
                    bytes: UnsafeBufferPointer(
                        start: https.utf8Start, count: https.utf8CodeUnitCount))
            } else {
                for k in lower..<i { out.append(lowered(all[k])) }
            }
            out.append(58)
            rest = i + 1
        }
        guard rest + 1 < upper, all[rest] == 47, all[rest + 1] == 47 else {
            // mailto:, urn:, doi: and the like: only the scheme is case-insensitive.
            out.append(bytes: UnsafeBufferPointer(rebasing: all[rest..<upper]))
            return
        }
        out.append(47)
        out.append(47)
        rest += 2
        var authorityEnd = rest
        // Whether the host has a capital to lower-case; most have none and are hashed
        // as they are, not byte by byte.
        var hasCapital = false
        while authorityEnd < upper, all[authorityEnd] != 47, all[authorityEnd] != 63,
            all[authorityEnd] != 35
        {
            hasCapital = hasCapital || (all[authorityEnd] &- 65) < 26
            authorityEnd += 1
        }
        var hostEnd = authorityEnd
        if hasSuffix(all, rest, hostEnd, ":443") {
            hostEnd -= 4
        } else if hasSuffix(all, rest, hostEnd, ":80") {
            hostEnd -= 3
        }
        if hostEnd > rest, all[hostEnd - 1] == 46 { hostEnd -= 1 }
        if hasCapital {
            for k in rest..<hostEnd { out.append(lowered(all[k])) }
        } else if rest < hostEnd {
            out.append(bytes: UnsafeBufferPointer(rebasing: all[rest..<hostEnd]))
        }

        var end = upper
        var fragmentStart = upper
        let k = offset(of: 35, in: all, from: authorityEnd, to: upper)
        if k < upper {
            end = k
            if k + 1 < upper, all[k + 1] == 47 || all[k + 1] == 33 { fragmentStart = k }
        }
        let pathEnd = offset(of: 63, in: all, from: authorityEnd, to: end)
        if pathEnd == authorityEnd {
            out.append(47)
        } else {
            out.append(bytes: UnsafeBufferPointer(rebasing: all[authorityEnd..<pathEnd]))
        }
        if pathEnd < end {
            var first = true
            var pairStart = pathEnd + 1
            while pairStart < end {
                let pairEnd = offset(of: 38, in: all, from: pairStart, to: end)
                if pairEnd > pairStart, !isTracking(all, pairStart, pairEnd) {
                    out.append(first ? 63 : 38)
                    out.append(bytes: UnsafeBufferPointer(rebasing: all[pairStart..<pairEnd]))
                    first = false
                }
                pairStart = pairEnd + 1
            }
        }
        if fragmentStart < upper {
            out.append(bytes: UnsafeBufferPointer(rebasing: all[fragmentStart..<upper]))
        }
    }

    /// Whether the query pair `name=value` at `start..<end` names a tracking parameter.
    private static func isTracking(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> Bool
    {
        var nameEnd = start
        while nameEnd < end, b[nameEnd] != 61 { nameEnd += 1 }
        let length = nameEnd - start
        if length >= 4, lowered(b[start]) == 117, lowered(b[start + 1]) == 116,
            lowered(b[start + 2]) == 109,
            b[start + 3] == 95
        {
            return true  // utm_*
        }
        guard length >= 3, length <= 11 else { return false }
        return trackingParameterBytes.contains { name in
            name.count == length
                && name.indices.allSatisfy { lowered(b[start + $0]) == name[$0] }
        }
    }

    /// `trackingParameters` as bytes, compared without making a string per parameter.
    private static let trackingParameterBytes = trackingParameters.map { Array($0.utf8) }

    private static func hasSuffix(
        _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ suffix: StaticString
    )
        -> Bool
    {
        let count = suffix.utf8CodeUnitCount
        guard end - start > count else { return false }
        for k in 0..<count where b[end - count + k] != suffix.utf8Start[k] { return false }
        return true
    }

    /// `https`, which `http` becomes.
    private static let https: StaticString = "https"

    /// The offset of the first `byte` in `b[start..<end]`, or `end`; a `memchr`.
    @inline(__always) private static func offset(
        of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> Int {
        guard start < end, let base = b.baseAddress,
            let found = memchr(base + start, Int32(byte), end - start)
        else { return end }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    @inline(__always) private static func lowered(_ b: UInt8) -> UInt8 {
        b >= 65 && b <= 90 ? b + 32 : b
    }

    @inline(__always) private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 43 || b == 45
            || b == 46
    }
}

/// Where normalised bytes go: an array, or straight into a hash.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
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
