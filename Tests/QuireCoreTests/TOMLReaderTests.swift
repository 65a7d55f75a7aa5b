import Foundation
import Testing

@testable import QuireCore

/// quire's TOML reader for `+++` front matter: TOML 1.0 as site generators write it, and
/// nil, never a crash, for anything else.
@Suite("TOML reader")
struct TOMLReaderTests {
    @Test func frontMatterAsHugoWritesIt() throws {
        let json = try #require(
            TOMLReader.json(
                """
                # Hugo front matter
                title = "Queue Notes #88: \\"backpressure\\", again"
                date = 2024-05-14T08:00:00Z
                local = 1979-05-27 07:32:00
                day = 1979-05-27
                draft = false
                weight = 1_000
                ratio = 0.5
                hex = 0xff
                tags = ["queues", 'storage',]   # grouped under
                description = \"\"\"
                First line,\\
                  same line.
                Second line.\"\"\"
                path = 'C:\\no\\escapes'
                site.name = "Queue Notes"

                [params]
                issue = 88
                sponsor = { name = "nobody", since = 2023 }

                [[chapters]]
                start = "00:00"
                title = "Hello"

                [[chapters]]
                start = "04:30"
                title = "Backpressure"
                """))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Queue Notes #88: \"backpressure\", again")
        #expect(object["date"] as? String == "2024-05-14T08:00:00Z")
        #expect(object["local"] as? String == "1979-05-27 07:32:00")
        #expect(object["day"] as? String == "1979-05-27")
        #expect(object["draft"] as? Bool == false)
        #expect(object["weight"] as? Int == 1000)
        #expect(object["ratio"] as? Double == 0.5)
        #expect(object["hex"] as? Int == 255)
        #expect(object["tags"] as? [String] == ["queues", "storage"])
        #expect(object["description"] as? String == "First line,same line.\nSecond line.")
        #expect(object["path"] as? String == "C:\\no\\escapes")
        #expect((object["site"] as? [String: Any])?["name"] as? String == "Queue Notes")
        let params = try #require(object["params"] as? [String: Any])
        #expect(params["issue"] as? Int == 88)
        #expect((params["sponsor"] as? [String: Any])?["since"] as? Int == 2023)
        let chapters = try #require(object["chapters"] as? [[String: Any]])
        #expect(chapters.map { $0["title"] as? String } == ["Hello", "Backpressure"])
        // Keys keep their order.
        #expect(json.hasPrefix("{\"title\":"))
    }

    @Test func unicodeEscapesAndLiteralBlocks() throws {
        let json = try #require(
            TOMLReader.json("a = \"caf\\u00E9 \\U0001F600\"\nb = '''\nraw \\n text'''\n"))
        #expect(json == "{\"a\":\"café 😀\",\"b\":\"raw \\\\n text\"}")
    }

    /// Text that is not TOML gives nil: the first two are the fuzzer's finds (a key that
    /// opens with `.`, a time that opens with no digit), the rest malformed other ways.
    @Test(arguments: [
        "[.params]\na = 1", "date = 2024-05-14T\u{FFFD}8:00:00Z", "[[!a]]", "a = ",
        "a = \"unclosed", "a = 1\na = 2", "a = 01", "a = 1 2", "[a]\n[a]\nb = 1 x",
        "a = [1, 2", "a = {b = 1", "a = \"bad \\q escape\"", "= 1", "a.b = 1\na = 2",
        "a = 2024-13", "a = tru", "[a.]", "a = '''open",
    ])
    func textThatIsNotTOMLGivesNil(text: String) {
        #expect(TOMLReader.json(text) == nil)
    }

    @Test func deepNestingIsRefusedNotARunawayStack() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        #expect(TOMLReader.json(deep) == nil)
        let fine = "a = " + String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(TOMLReader.json(fine) == "{\"a\":[[[[[[[[[[]]]]]]]]]]}")
    }
}
