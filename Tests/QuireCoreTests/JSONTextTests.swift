import Foundation
import QuireCore
import Testing

/// `JSONText.quoted`, the string literal every JSON output of quire uses (`list --format
/// json`, `search --format json`), against what a JSON parser reads back.
@Suite("JSON string literals")
struct JSONTextTests {
    @Test func quotesBackslashesAndControlsAreEscapedAndReadBack() throws {
        let text = "a \"quoted\" \\ path\n\tnext\r\u{01}\u{1F}\u{7F} é — 🎧"
        let literal = JSONText.quoted(text)
        #expect(literal.hasPrefix("\"") && literal.hasSuffix("\""))
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
        #expect(literal.contains("\\u0001") && literal.contains("\\n") && literal.contains("\\\""))
        // Non-ASCII stays as UTF-8, not \u escapes.
        #expect(literal.contains("é — 🎧"))
        let decoded =
            try JSONSerialization.jsonObject(
                with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test func nilIsNull() {
        #expect(JSONText.quoted(nil) == "null")
        #expect(JSONText.quoted("") == "\"\"")
    }
}
