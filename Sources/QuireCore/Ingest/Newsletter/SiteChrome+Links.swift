#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Checks on a block's links: whether they cover it, and where they lead (the site itself, a person's profile).
extension SiteChrome {
    /// Whether nothing but spaces and punctuation lies outside the block's links.
    static func isCoveredByLinks(_ block: Block) -> Bool {
        block.utf8.withUnsafeBufferPointer { isCoveredByLinks($0, block.links) }
    }

    /// Whether nothing but spaces and punctuation lies in `bytes` outside `spans`.
    static func isCoveredByLinks(
        _ bytes: UnsafeBufferPointer<UInt8>, _ links: BlockLinks
    ) -> Bool {
        guard !links.isEmpty else { return false }
        // Links do not overlap, so what lies outside them is the rest of the text.
        var covered = 0
        var inOrder = true
        for index in links.indices {
            covered += links.range(at: index).count
            if index > 0, links.range(at: index - 1).lowerBound > links.range(at: index).lowerBound
            {
                inOrder = false
            }
        }
        guard bytes.count - covered <= 40 else { return false }
        // Readers give links in text order; only a parser that does not needs a sorted copy.
        let sorted =
            inOrder
            ? []
            : links.indices.map { links.range(at: $0) }.sorted { $0.lowerBound < $1.lowerBound }
        /// Calls `body` with each piece of text outside the links, stopping when it says no.
        func eachPieceOutside(_ body: (Range<Int>) -> Bool) -> Bool {
            var cursor = 0
            for index in links.indices {
                let range = inOrder ? links.range(at: index) : sorted[index]
                let lower = min(range.lowerBound, bytes.count)
                if lower > cursor, !body(cursor..<lower) { return false }
                cursor = max(cursor, min(range.upperBound, bytes.count))
            }
            return cursor >= bytes.count || body(cursor..<bytes.count)
        }
        var outside = 0
        var nonASCII = false
        let allPunctuation = eachPieceOutside { piece in
            outside += piece.count
            for byte in bytes[piece] {
                if byte >= 0x80 {
                    nonASCII = true
                } else if !isASCIIWhitespace(byte)
                    && (byte < 0x21 || byte > 0x7E || isASCIIAlphanumeric(byte))
                {
                    return false
                }
            }
            return outside <= 40
        }
        guard allPunctuation else { return false }
        guard nonASCII else { return true }
        // Symbols and punctuation beyond ASCII (`·`, `—`, `→`) need their Unicode properties.
        var rest: [UInt8] = []
        _ = eachPieceOutside { piece in
            rest += bytes[piece]
            return true
        }
        return String(decoding: rest, as: UTF8.self).allSatisfy {
            $0.isWhitespace || $0.isPunctuation || $0.isSymbol
        }
    }

    /// A link to the site itself: relative, or a bare origin like `https://example.com/`.
    static func isSiteLink(_ url: Substring?) -> Bool {
        guard let url = url.map(String.init) else { return false }
        guard let origin = LinkResolver.origin(of: url) else { return true }
        return url.dropFirst(origin.count).allSatisfy { $0 == "/" }
    }

    /// Path pieces of a site's pages that list its posts by tag or category.
    static let taxonomyPaths = ["/tag/", "/tags/", "/category/", "/categories/", "/topics/"]
        .map { Array($0.utf8) }

    /// A link to a page listing the site's posts under a tag or category
    /// (`https://linuxactionnews.com/tags/wayland%20only`).
    ///
    /// Runs on the first link of every block of a newsletter: bytes only.
    static func isTaxonomyLink(_ url: Substring) -> Bool {
        var url = url
        return url.withUTF8 { isTaxonomyLink($0) }
    }

    /// `isTaxonomyLink` of a URL's UTF-8: from slash to slash (`memchr`), since it runs on
    /// the first link of nearly every block of a newsletter.
    static func isTaxonomyLink(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        /// The offset of the next `/` at or after `from`, or nil.
        func slash(from: Int) -> Int? {
            guard from < bytes.count, let found = memchr(base + from, 47, bytes.count - from)
            else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        // The path starts at the third `/` (`https://host/…`).
        guard let first = slash(from: 0), let second = slash(from: first + 1),
            var index = slash(from: second + 1)
        else { return false }
        while index + 5 < bytes.count {
            if bytes[index + 1] == 116 || bytes[index + 1] == 99 {  // /t /c
                let rest = UnsafeBufferPointer(rebasing: bytes[index...])
                if let piece = taxonomyPaths.first(where: { rest.starts(with: $0) }),
                    rest.count > piece.count
                {
                    return true
                }
            }
            guard let next = slash(from: index + 1) else { return false }
            index = next
        }
        return false
    }

    /// A list of tags: every link goes to a tag or category page, and between them stand
    /// only separators (`[eol](…/tags/eol), [outages](…/tags/outages), …`), however many.
    static func isTagList(_ bytes: UnsafeBufferPointer<UInt8>, _ spans: BlockLinks)
        -> Bool
    {
        guard spans.allSatisfy({ $0.url.map(isTaxonomyLink) ?? false }) else { return false }
        var cursor = 0
        for span in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let lower = min(span.range.lowerBound, bytes.count)
            if lower > cursor, bytes[cursor..<lower].contains(where: isASCIIAlphanumeric) {
                return false
            }
            cursor = max(cursor, min(span.range.upperBound, bytes.count))
        }
        return !bytes[cursor...].contains(where: isASCIIAlphanumeric)
    }

    /// Path pieces of a person's profile page.
    static let profilePaths = ["/@", "/profile/", "/author/", "/authors/", "/user/", "/u/"]

    static func isProfileLink(_ url: Substring) -> Bool {
        // Every profile path is a slash and a byte from a short list: look only there.
        var url = url
        return url.withUTF8 { bytes in
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == 47, profilePathSecondBytes.contains(bytes[index + 1]) {
                    let rest = UnsafeBufferPointer(rebasing: bytes[index...])
                    if profilePathBytes.contains(where: { rest.starts(with: $0) }) { return true }
                }
                index += 1
            }
            return false
        }
    }

    static let profilePathSecondBytes = ByteSet(
        profilePaths.map { $0.utf8.dropFirst().first! })
    static let profilePathBytes = profilePaths.map { Array($0.utf8) }
}
