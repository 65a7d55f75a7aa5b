/// Decides which link destinations are reading items, and makes relative ones absolute.
enum LinkResolver {
    /// Schemes that never lead to something to read.
    private static let ignoredSchemes: Set<String> = [
        "file", "javascript", "data", "about", "mailto", "tel", "sms",
    ]

    /// The address to keep for `url`, resolved against `base`; nil when it is not a reading
    /// item (a fragment, a local file, `javascript:`, or relative with nothing to resolve it).
    ///
    /// A plain absolute web address comes back as it is, with no string made.
    static func resolve(_ url: Substring, base: String?) -> Substring? {
        // The common case, a plain absolute web address, needs no work.
        if isPlainWebAddress(url) { return url }
        return resolveOther(String(url), base: base).map { $0[...] }
    }

    private static func resolveOther(_ url: String, base: String?) -> String? {
        let url = url.trimmingWhitespace()
        guard !url.isEmpty, !url.hasPrefix("#") else { return nil }
        if let scheme = scheme(of: url) {
            // A Discourse upload (`upload://<sha1 in base 62>.txt`), which the forum serves
            // from a short address of its own.
            if scheme.lowercased() == "upload", let base, let origin = origin(of: base) {
                return origin + "/uploads/short-url/" + url.dropFirst("upload://".count)
            }
            return ignoredSchemes.contains(scheme.lowercased()) ? nil : url
        }
        if url.hasPrefix("//") { return "https:" + url }
        guard let base, let origin = origin(of: base) else { return nil }
        if url.hasPrefix("/") { return origin + url }
        // Relative to the base's folder.
        let afterOrigin = base.dropFirst(origin.count)
        let path = afterOrigin.prefix(while: { $0 != "?" && $0 != "#" })
        let folder = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
        return origin + removingDotSegments(folder + url)
    }

    /// A path with its `.` and `..` segments applied (RFC 3986, 5.2.4).
    ///
    /// `/issues/212/../198/` is `/issues/198/`; what follows `?` or `#` is left alone.
    static func removingDotSegments(_ reference: String) -> String {
        let end = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? reference.endIndex
        let path = reference[..<end]
        guard path.contains("./") || path.hasSuffix("/.") || path.hasSuffix("/..") else {
            return reference
        }
        var segments: [Substring] = []
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let last = index == pieces.count - 1
            switch piece {
            case ".":
                if last { segments.append("") }
            case "..":
                if segments.count > 1 { segments.removeLast() }
                if last { segments.append("") }
            default:
                segments.append(piece)
            }
        }
        return segments.joined(separator: "/") + reference[end...]
    }

    /// Whether `url` starts with `http://` or `https://` and ends in no whitespace: an
    /// address `resolve` keeps as it is.
    private static func isPlainWebAddress(_ url: Substring) -> Bool {
        var url = url
        return url.withUTF8 { isPlainWebAddress($0) }
    }

    /// `isPlainWebAddress` of UTF-8 bytes.
    static func isPlainWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 8, bytes[0] == 104, bytes[1] == 116, bytes[2] == 116,
            bytes[3] == 112, !isASCIIWhitespace(bytes[bytes.count - 1])
        else { return false }
        if bytes[4] == 115 { return bytes[5] == 58 && bytes[6] == 47 && bytes[7] == 47 }
        return bytes[4] == 58 && bytes[5] == 47 && bytes[6] == 47
    }

    /// `https://host[:port]` of an absolute URL.
    static func origin(of url: String) -> String? {
        guard let scheme = scheme(of: url) else { return nil }
        let rest = url.dropFirst(scheme.count + 1)
        guard rest.hasPrefix("//") else { return nil }
        let authority = rest.dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        guard !authority.isEmpty else { return nil }
        return scheme + "://" + authority
    }

    /// The scheme of an absolute URL (`https`), or nil for a relative one.
    static func scheme(of url: String) -> String? {
        var length = 0
        for byte in url.utf8 {
            if byte == 58 { break }
            let isLetter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            let isOther = (byte >= 48 && byte <= 57) || byte == 43 || byte == 45 || byte == 46
            guard isLetter || (length > 0 && isOther) else { return nil }
            length += 1
        }
        guard length > 0, length < url.utf8.count else { return nil }
        return String(url.utf8.prefix(length))
    }
}
