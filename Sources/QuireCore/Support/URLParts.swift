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
        #if _endian(little)
            // Eight bytes at a time to the word holding the host's end, then byte by byte.
            if let base = url.baseAddress {
                let raw = UnsafeRawPointer(base)
                while end + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)
                    let found = has(word, 0x2F) | has(word, 0x3F) | has(word, 0x23)
                    if found != 0 {
                        end += found.trailingZeroBitCount / 8
                        break
                    }
                    end += 8
                }
            }
        #endif
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

    /// The high bit of each byte of `word` equal to `byte`, exact up to the first such
    /// byte (later ones may be marked wrongly).
    @inline(__always)
    private static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (UInt64(byte) &* ones)
        return (x &- ones) & ~x & (0x80 &* ones)
    }

    /// `https://` as eight bytes read in little-endian order (elsewhere the fast path is
    /// never taken, and the loop finds the scheme).
    private static var https: UInt64 { 0x2F2F_3A73_7074_7468 }

    /// `("arxiv.org", "/abs/2104.06272")` from a URL; `www.` dropped, the host in lower
    /// case (ASCII), as the index keeps it.
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
