import Foundation
import QuireCore
import QuireTestSupport
import Testing

/// Files in the charset they declare, read as that charset and not guessed at.
///
/// A page says it in `<meta charset>`, a feed in its XML declaration, UTF-16 in a
/// byte-order mark.
@Suite("Declared charsets")
struct CharsetTests {
    static func load(_ name: String, _ bytes: [UInt8]) throws -> Library {
        try TemporaryFolder.with("quire-charset") { folder in
            let path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return Ingestor.load([path])
        }
    }

    static func encoded(_ text: String, _ encoding: String.Encoding) throws -> [UInt8] {
        try #require(text.data(using: encoding).map { Array($0) })
    }

    /// Cyrillic in Windows-1251, which Windows-1252 would turn into Latin letters.
    @Test func aPageIsReadInItsMetaCharset() throws {
        let page = """
            <!DOCTYPE html><html><head>
            <meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
            <title>Заметки о чтении</title></head><body><article><h1>Заметки о чтении</h1>
            <p>См. <a href="https://example.ru/статья">статью о парсерах</a>.</p>
            </article></body></html>
            """
        let library = try Self.load("page.html", Self.encoded(page, .windowsCP1251))
        #expect(library.warnings.isEmpty)
        let issue = try #require(library.issues.first)
        #expect(issue.title == "Заметки о чтении")
        #expect(issue.allLinks.map(\.text) == ["статью о парсерах"])
        #expect(issue.allLinks.map(\.url) == ["https://example.ru/статья"])
    }

    /// Greek in ISO-8859-7, named in the feed's XML declaration.
    @Test func aFeedIsReadInItsDeclaredEncoding() throws {
        let feed = """
            <?xml version="1.0" encoding="ISO-8859-7"?>
            <rss version="2.0"><channel><title>Ραδιόφωνο</title>
            <item><title>Επεισόδιο 12</title><guid>r12</guid>
            <description>&lt;p&gt;&lt;a href="https://radio.example.gr/12"&gt;Σελίδα&lt;/a&gt;&lt;/p&gt;</description>
            </item></channel></rss>
            """
        let bytes = try #require(
            feed.data(using: String.Encoding(rawValue: 0x8000_0207)).map { Array($0) },
            "ISO-8859-7 encoder")
        let library = try Self.load("feed.xml", bytes)
        let issue = try #require(library.issues.first)
        #expect(issue.title == "Επεισόδιο 12")
        #expect(issue.source == "Ραδιόφωνο")
        #expect(issue.allLinks.map(\.text) == ["Σελίδα"])
    }

    /// UTF-16 with a byte-order mark (what some editors save), which holds NUL bytes and
    /// would otherwise be refused as binary.
    @Test func utf16WithAByteOrderMarkIsText() throws {
        let library = try Self.load(
            "notes.md",
            Self.encoded(
                "# Notes en français\n\nVoir [le café](https://example.fr/cafe).\n", .utf16))
        #expect(library.failures.isEmpty)
        #expect(library.issues.first?.title == "Notes en français")
        #expect(library.issues.first?.allLinks.map(\.url) == ["https://example.fr/cafe"])
    }

    /// A page whose bytes are not in the charset it names still loads, with a warning.
    @Test func aWrongDeclarationIsAWarningNotALoss() throws {
        var bytes = Array(
            "<!DOCTYPE html><html><head><meta charset=\"shift_jis\"><title>Mixed</title></head><body><article><h1>Mixed</h1><p>See <a href=\"https://example.jp/a\">this</a> "
                .utf8)
        bytes += [0x82, 0xFF, 0xFF] + Array("</p></article></body></html>".utf8)
        let library = try Self.load("page.html", bytes)
        #expect(library.failures.isEmpty)
        #expect(library.issues.first?.allLinks.map(\.url) == ["https://example.jp/a"])
        #expect(
            library.warnings.first?.message.hasPrefix("declares shift_jis, but is not in it")
                == true)
    }
}
