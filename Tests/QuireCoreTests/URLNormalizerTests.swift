import QuireTestSupport
import Testing

@testable import QuireCore

@Suite("URL identity")
struct URLNormalizerTests {
    @Test(arguments: [
        ("HTTPS://Example.COM/Path", "https://example.com/Path"),
        ("http://example.com", "https://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=x&id=3&fbclid=y&UTM_Medium=z",
            "https://example.com/a?id=3"
        ),
        ("https://example.com/a?utm_source=x", "https://example.com/a"),
        ("https://arxiv.org/abs/1#google", "https://arxiv.org/abs/1"),
        ("https://app.example/#/inbox", "https://app.example/#/inbox"),
        ("https://example.com:8080/a", "https://example.com:8080/a"),
        ("MAILTO:someone@example.com", "mailto:someone@example.com"),
    ])
    func identityKey(url: String, key: String) {
        #expect(URLNormalizer.identityKey(for: url) == key)
    }
}

/// The identity of a URL is a contract: ids of links are kept in state files.
///
/// These pin it for thousands of generated addresses in every form the normaliser folds
/// (scheme and host case, default ports, trailing dots, tracking parameters, fragments,
/// whitespace, other schemes), against digests taken when the normaliser was last changed
/// in purpose.
@Suite("URL identity contract")
struct URLIdentityContractTests {
    static func urls() -> [String] {
        let schemes = ["https://", "http://", "HTTPS://", "Http://", "ftp://", "mailto:", "", "//"]
        let hosts = [
            "example.com", "Example.COM", "www.example.org", "a.b.c.example", "host.example.",
            "münchen.example", "EXAMPLE.com:443", "example.com:80", "example.com:8080", "",
        ]
        let paths = ["", "/", "/Path/To", "/a b", "/é/ü", "/x.html", "/%20"]
        let queries = [
            "", "?", "?id=3", "?utm_source=x", "?UTM_Medium=z&id=1", "?fbclid=1&a=2&gclid=3",
            "?a&b", "?ref_src=twsrc", "?q=a?b",
        ]
        let fragments = ["", "#top", "#/route", "#!bang", "#", "#a#b"]
        let spaces = ["", " ", "\t", "\n "]
        var generator = SeededGenerator(seed: 2026)
        return (0..<6_000).map { _ in
            spaces.randomElement(using: &generator)! + schemes.randomElement(using: &generator)!
                + hosts.randomElement(using: &generator)! + paths.randomElement(using: &generator)!
                + queries.randomElement(using: &generator)!
                + fragments.randomElement(using: &generator)!
                + spaces.randomElement(using: &generator)!
        }
    }

    @Test func identitiesAreUnchanged() {
        var keys = StableHash()
        var ids = StableHash()
        for url in Self.urls() {
            let key = URLNormalizer.identityKey(for: url)
            keys.combine(key)
            let id = Link.identity(url: url[...])
            ids.combine(String(id.rawValue, radix: 16))
            // The hash fed straight from the bytes is the hash of the key.
            var hasher = StableHash()
            hasher.combine("link")
            hasher.combine(key)
            #expect(id.rawValue == hasher.value, "\(url.debugDescription)")
        }
        #expect(String(keys.value, radix: 16) == "6aea0f0ff1c23ad4")
        #expect(String(ids.value, radix: 16) == "9576fc8aaa369eb0")
    }
}

@Suite("Dates in text")
struct DateParserTests {
    @Test(arguments: [
        ("Fri, 11 Jun 2021 14:16:22 GMT", "2021-06-11"),
        ("2021-06-11T14:16:22Z", "2021-06-11"),
        ("September 28, 2022 London Futurists Season 1 Episode 6", "2022-09-28"),
        ("Jun 11, 2021", "2021-06-11"),
        ("11 June 2021", "2021-06-11"),
        ("2021/6/1", "2021-06-01"),
        ("2021年6月11日", "2021-06-11"),
        ("11. Juni 2021", "2021-06-11"),
        ("le 3 mars 2020", "2020-03-03"),
    ])
    func readsCommonForms(text: String, iso: String) {
        #expect(DateParser.isoDate(in: text) == iso)
    }

    @Test(arguments: [
        "06/11/2021", "February 30, 2021", "no date here", "2021-13-01", "Episode 12, 2021",
    ])
    func refusesAmbiguousOrImpossibleDates(text: String) {
        #expect(DateParser.isoDate(in: text) == nil)
    }

    /// ASCII text is tokenized byte by byte: the same tokens as by `Character`, for
    /// numbers too long for `Int`, month names of every length, control bytes and CRLF.
    @Test func asciiTokensAreTheTokensOfCharacters() {
        let pieces = [
            "2021", "06", "-", "/", ".", ",", " ", "\t", "\r\n", "\u{0}", "\u{7F}", "Jun",
            "SEPTIEMBRE", "septiembre", "may", "Mayo", "de", "x", "99999999999999999999",
            "9223372036854775807", "9223372036854775808", "abc2021", "2021abc", "_", "年",
        ]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...12, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            var copy = text
            let ascii = copy.withUTF8 { DateParser.tokenize(ascii: $0) }
            #expect(ascii == DateParser.tokenize(characters: text), "\(text.debugDescription)")
            // A limit stops both early, at the same prefix.
            let limit = Int.random(in: 0...6, using: &generator)
            let limited = copy.withUTF8 { DateParser.tokenize(ascii: $0, limit: limit) }
            #expect(limited == Array(ascii.prefix(limit)))
            #expect(DateParser.tokenize(characters: text, limit: limit) == limited)
        }
    }

    /// A text that is only a date gives it; prose that holds one, however long, does not.
    @Test(arguments: [
        ("Nov 3, 2025", "2025-11-03"),
        ("Friday, 11 June 2021 14:16:22 GMT", "2021-06-11"),
        ("Publié le 3 février 2020", "2020-02-03"),
        ("Released on 2021-06-11 with notes", nil),
        (
            String(repeating: "“Prose” with a year, 2021-06-11, and many more words. ", count: 8),
            nil
        ),
    ])
    func aDateAloneIsADate(text: String, iso: String?) {
        #expect(DateParser.dateOnly(text) == iso)
        #expect(DateParser.isDateOnly(text) == (iso != nil))
    }
}

@Suite("a URL's host and path")
struct URLPartsTests {
    @Test(arguments: [
        ("https://arxiv.org/abs/2104.06272", "arxiv.org", "/abs/2104.06272"),
        ("https://www.Example.ORG/Path?q=1", "example.org", "/Path?q=1"),
        ("HTTPS://WWW.EXAMPLE.COM", "example.com", ""),
        (
            "http://a.very-long-host-name.example.com?x=1", "a.very-long-host-name.example.com",
            "?x=1"
        ),
        ("https://abcdefgh#frag", "abcdefgh", "#frag"),
        ("https://abcdefg/", "abcdefg", "/"),
        ("https://abcdefghijklmnop/q", "abcdefghijklmnop", "/q"),
        ("https://01234567?/#", "01234567", "?/#"),
        ("https://host.example:8080/a", "host.example:8080", "/a"),
        ("mailto:someone@example.org", "mailto:someone@example.org", ""),
        ("ftp://files.example.org/pub", "files.example.org", "/pub"),
        ("/relative/path", "", "/relative/path"),
        ("https://", "", ""),
        ("https://ünïcode.example/x", "ünïcode.example", "/x"),
    ])
    func hostAndPath(url: String, host: String, path: String) {
        let parts = URLParts.hostAndPath(url)
        #expect(parts.0 == host)
        #expect(parts.1 == path)
    }
}
