import QuireCore
import Testing

/// CSV as RFC 4180 and spreadsheet exports write it.
@Suite("CSV")
struct CSVReaderTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let text =
            "url,text\r\nhttps://a.example,\"Ask HN: \"\"why\"\", really, now?\"\r\n"
            + "https://b.example,\"two\nlines\"\r\n\r\nhttps://c.example,plain\n"
        #expect(
            CSVReader.records(text) == [
                ["url", "text"], ["https://a.example", "Ask HN: \"why\", really, now?"],
                ["https://b.example", "two\nlines"], ["https://c.example", "plain"],
            ])
    }

    @Test func rowsAreKeyedByTheHeader() {
        let rows = CSVReader.rows(
            "Title,URL,Status\nA,https://a.example,archive\nB,https://b.example")
        #expect(rows.map { $0["url"] } == ["https://a.example", "https://b.example"])
        #expect(rows.first?["status"] == "archive")
        #expect(rows.last?["status"] == nil)
    }
}
