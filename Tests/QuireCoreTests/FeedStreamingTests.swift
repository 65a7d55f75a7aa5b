import Foundation
import QuireTestSupport
import Testing

@testable import QuireCore

/// A feed file is read a part at a time, never whole (`FeedInput`), and its cache entry is
/// written a part at a time; what comes out must be exactly what reading it whole gives.
@Suite("Feeds read in parts")
struct FeedStreamingTests {
    /// An RSS feed of `items` items whose text mixes ASCII, accents, CJK and emoji, so
    /// characters of every length fall across the parts the file is read in.
    static func feed(items: Int, insert: (offset: Int, bytes: [UInt8])? = nil) -> [UInt8] {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Café Weekly — 週刊</title>

            """
        for item in 0..<items {
            text += """
                <item><title>Nº \(item): Über \(String(repeating: "é", count: item % 7))漢字 🚀</title>
                <guid>tag:cafe.example,2024:\(item)</guid>
                <pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
                <content:encoded><![CDATA[<h2>Lëads \(item % 5)</h2>
                <p><a href="https://example.org/\(item)/ñ">Read “\(item)” — 読む</a> and
                <a href="https://news.example.com/a?id=\(item)">more 🍵</a>\(String(repeating: "ß", count: item % 11))</p>]]></content:encoded>
                </item>

                """
        }
        text += "</channel></rss>\n"
        var bytes = Array(text.utf8)
        if let insert { bytes.replaceSubrange(insert.offset..<insert.offset, with: insert.bytes) }
        return bytes
    }

    /// The file read by path (a feed a part at a time) and read whole, side by side.
    static func bothWays(_ bytes: [UInt8], name: String = "feed.rss") throws -> (
        parts: Ingestor.ReadFile, whole: Result<Ingestor.LoadedFile, IngestFailure>
    ) {
        try TemporaryFolder.with("quire-feed-parts") { folder in
            let path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return (Ingestor.read(path: path), Ingestor.read(bytes, path: path))
        }
    }

    static func issues(_ result: Result<Ingestor.LoadedFile, IngestFailure>) -> (
        [QuireCore.Issue], [IngestWarning]
    )? {
        guard case .success(.issues(let issues, let warnings)) = result else { return nil }
        return (issues, warnings)
    }

    @Test func aLargeFeedReadInPartsIsTheFeedReadWhole() throws {
        let bytes = Self.feed(items: 3000)
        #expect(bytes.count > 1 << 20)
        let (parts, whole) = try Self.bothWays(bytes)
        let read = try #require(Self.issues(parts.result))
        let expected = try #require(Self.issues(whole))
        #expect(read.0.count == 3000)
        #expect(read.0 == expected.0)
        #expect(read.1.isEmpty && expected.1.isEmpty)
        #expect(read.0[2999].title == "Nº 2999: Über ééé漢字 🚀")
        #expect(parts.key?.hash == ContentHash.of(bytes))
        #expect(parts.key?.status.st_size == off_t(bytes.count))
    }

    @Test func everyFeedFixtureReadInPartsIsReadAsWhole() throws {
        let forms = Checkout.beside(#filePath, "Fixtures/forms")
        let names = try FileManager.default.contentsOfDirectory(atPath: forms)
            .filter { $0.hasPrefix("feed-") }
        #expect(names.count >= 3)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: forms + "/" + name)))
            let (parts, whole) = try Self.bothWays(bytes, name: name)
            let read = try #require(Self.issues(parts.result), "\(name)")
            #expect(!read.0.isEmpty, "\(name)")
            #expect(read.0 == Self.issues(whole)?.0, "\(name)")
            #expect(parts.key?.hash == ContentHash.of(bytes), "\(name)")
        }
    }

    /// A bad byte or an escape sequence far into a feed (parts already parsed) sends the
    /// file back to be read whole: the same issues and warning as reading it whole.
    @Test(arguments: [[0xFF] as [UInt8], [0x1B, 0x5B, 0x33, 0x31, 0x6D]])
    func aFeedThatNeedsMendingIsReadWhole(inserted: [UInt8]) throws {
        var bytes = Self.feed(items: 1200)
        // Inside an item's title, deep in the file.
        let title = try #require(
            bytes.indices.dropFirst(bytes.count * 3 / 4).first { index in
                bytes[index..<min(index + 7, bytes.count)].elementsEqual("<title>".utf8)
            })
        bytes.insert(contentsOf: inserted, at: title + 7)
        let (parts, whole) = try Self.bothWays(bytes)
        let read = try #require(Self.issues(parts.result))
        let expected = try #require(Self.issues(whole))
        #expect(read.0 == expected.0)
        #expect(read.1 == expected.1)
        #expect(read.1.count == 1)
        #expect(parts.key?.hash == ContentHash.of(bytes))
    }

    /// A feed too large to write its cache entry in one part reads back from it intact, a
    /// part at a time; the same entry damaged deep inside is not used.
    @Test func aLargeFeedsCacheEntryReadsBackAsParsed() throws {
        try TemporaryFolder.with("quire-feed-cache") { folder in
            let path = folder + "/feed.rss"
            try Data(Self.feed(items: 5000)).write(to: URL(fileURLWithPath: path))
            // Old enough that its key alone settles whether the entry holds.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
            let fresh = Ingestor.load([path])
            func cache() -> LibraryCache { LibraryCache(directory: folder + "/cache", build: "t") }
            let first = cache()
            #expect(Ingestor.load([path], cache: first) == fresh)
            #expect(first.counts.parsed == 1)
            let entry =
                folder + "/cache/"
                + (try #require(
                    FileManager.default.contentsOfDirectory(atPath: folder + "/cache").first))
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
            #expect(bytes.count > 1 << 20)  // more than one part (`EntryStream`)
            let second = cache()
            #expect(Ingestor.load([path], cache: second) == fresh)
            #expect(second.counts.read == 1)
            // One bit flipped in a link's URL, three quarters in: well-formed, but not what
            // was written.
            let url = try #require(
                bytes.indices.dropFirst(bytes.count * 3 / 4).first { index in
                    bytes[index..<index + 8].elementsEqual("https://".utf8)
                })
            bytes[url + 9] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: entry))
            let damaged = cache()
            #expect(Ingestor.load([path], cache: damaged) == fresh)
            #expect(damaged.counts.parsed == 1)
        }
    }
}

@Suite("Hashing and checking in parts")
struct PartsTests {
    @Test func aHashOfPartsIsTheHashOfTheWhole() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = ContentHash.of(bytes)
            for _ in 0..<20 {
                var hasher = ContentHash.Hasher()
                var start = 0
                while start < length {
                    let end = min(length, start + Int.random(in: 0...70, using: &generator))
                    bytes[start..<end].withUnsafeBytes { hasher.combine($0) }
                    start = end
                }
                #expect(hasher.value == whole, "length \(length)")
            }
        }
        #expect(ContentHash.of([1, 2, 3]) != ContentHash.of([1, 2, 3, 0]))
    }

    @Test func aCharacterCutByThePartsEndIsLeftForTheNextPart() {
        let text = Array("aé漢🚀".utf8)  // 1 + 2 + 3 + 4 bytes
        #expect(UTF8Text.completeLength(of: text) == text.count)
        #expect(UTF8Text.completeLength(of: []) == 0)
        for cut in 0...text.count {
            let boundaries = [0, 1, 3, 6, 10]
            let expected = boundaries.last { $0 <= cut }!
            #expect(UTF8Text.completeLength(of: Array(text[..<cut])) == expected, "cut \(cut)")
        }
    }
}
