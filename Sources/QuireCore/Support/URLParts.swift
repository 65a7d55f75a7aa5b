/// A URL's host and the rest, as the reader shows them and the search index keeps them.
///
/// The one place quire splits a URL for display; `URLNormalizer` reads the authority its
/// own way for identity, where `www.` and ports matter.
public enum URLParts {
    /// The host (`www.` dropped, case as written) and the rest of a URL's bytes.
    static func hostAndPath(_ url: UnsafeBufferPointer<UInt8>) -> (
        UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>
    ) {
        var start = 0
        let n = url.count
        // After "scheme://", if there is one: most often `https://`, seen at once.
        var k = 0
        if n >= 8, let base = url.baseAddress,
            UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) == Self.https
        {
            start = 8
            k = n
        }
        while k + 2 < n, url[k] != UInt8(ascii: "/") {
            if url[k] == UInt8(ascii: ":"), url[k + 1] == UInt8(ascii: "/"),
                url[k + 2] == UInt8(ascii: "/")
            {
                start = k + 3
                break
            }
            k += 1
        }
        var end = start
        while end < n, url[end] != UInt8(ascii: "/"), url[end] != UInt8(ascii: "?"),
            url[end] != UInt8(ascii: "#")
        {
            end += 1
        }
        var hostStart = start
        if end - start > 4, url[start] | 0x20 == UInt8(ascii: "w"),
            url[start + 1] | 0x20 == UInt8(ascii: "w"), url[start + 2] | 0x20 == UInt8(ascii: "w"),
            url[start + 3] == UInt8(ascii: ".")
        {
            hostStart += 4
        }
        return (
            UnsafeBufferPointer(rebasing: url[hostStart..<end]),
            UnsafeBufferPointer(rebasing: url[end..<n])
        )
    }

    /// `("arxiv.org", "/abs/2104.06272")` from a URL; `www.` dropped, the host in lower
    /// case (ASCII), as the index keeps it.
    /// `https://` as eight bytes read in little-endian order (elsewhere the fast path is
    /// never taken, and the loop finds the scheme).
    private static var https: UInt64 { 0x2F2F_3A73_7074_7468 }

    public static func hostAndPath(_ url: String) -> (String, String) {
        var url = url
        return url.withUTF8 { bytes in
            let (host, path) = hostAndPath(bytes)
            return (
                String(decoding: host.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self),
                String(decoding: path, as: UTF8.self)
            )
        }
    }

    /// `arxiv.org` from `https://www.arxiv.org/abs/…`: the host, `www.` dropped, in lower
    /// case; nil for a work named without a URL.
    public static func host(of url: String?) -> String? {
        url.map { hostAndPath($0).0 }
    }
}
