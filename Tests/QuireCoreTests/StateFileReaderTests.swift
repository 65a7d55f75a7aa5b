import Foundation
import Testing

@testable import QuireCore

@Suite("state file reader")
struct StateFileReaderTests {
    func decode(_ text: String) throws -> ReadState {
        try StateFile.decode(Data(text.utf8), path: "s.json")
    }

    @Test func isoTimesRoundTripAndOffsetsAndFractionsAreRead() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            // Years 0000 to 9999, all that four digits hold.
            let t = Int.random(in: -62_167_219_200...253_402_300_799, using: &generator)
            #expect(StateClock.seconds(iso: StateClock.format(secondsSince1970: t)) == t)
        }
        #expect(StateClock.seconds(iso: "1970-01-01T00:00:00Z") == 0)
        // Found by fuzzing: a year under 1000 must be written with four digits to read back.
        let early = StateClock.seconds(iso: "0506-11-24T08:00:00Z")!
        #expect(StateClock.format(secondsSince1970: early) == "0506-11-24T08:00:00Z")
        #expect(StateClock.seconds(iso: "2026-11-23T19:40:00.125Z") == 1_795_462_800)
        #expect(StateClock.seconds(iso: "2026-11-23T20:40:00+01:00") == 1_795_462_800)
        #expect(StateClock.seconds(iso: "2026-11-23T14:40:00-05:00") == 1_795_462_800)
        for bad in ["", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T19:40:00", "yesterday"] {
            #expect(StateClock.seconds(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func anyLayoutOfValidJSONReadsTheSame() throws {
        let expected = ReadState(items: [
            ItemID(rawValue: 0x0123_4567_89ab_cdef): ItemState(
                read: true, starred: false, changed: 1_795_462_800)
        ])
        let layouts = [
            #"{"version":1,"items":{"0123456789abcdef":{"read":true,"starred":false,"changed":"2026-11-23T19:40:00Z"}}}"#,
            "{ \"items\" : {\n\t\"0123456789ABCDEF\" : { \"changed\" : \"2026-11-23T19:40:00Z\", \"starred\" : false, \"read\" : true } } ,\r\n \"version\" : 1 }\n",
            #"{"version": 1, "note": ["any", {"thing": null}, 1.5e3, -0], "items": {"0123456789abcdef": {"read": true, "starred": false, "changed": "2026-11-23T19:40:00\u005A", "by": "phone"}}}"#,
        ]
        for text in layouts { #expect(try decode(text) == expected, "\(text)") }
    }

    @Test(arguments: [
        ("{\"version\": 1, \"items\": {}} x", "s.json:1:29: not valid JSON"),
        ("{\"version\": 1, \"items\": {\"0123456789abcdef\": tru}}", "s.json:1:46: not valid JSON"),
        ("", "s.json:1:1: not valid JSON (it ends early)"),
        ("{\"version\": 1,\n \"items\": {", "s.json:2:12: not valid JSON (it ends early)"),
        ("{\"version\": \"1\", \"items\": {}}", "s.json: \"version\" is missing or not a number"),
        ("{\"version\": 1, \"items\": []}", "s.json: \"items\" is missing or not an object"),
        (
            "{\"version\": 1, \"items\": {\"0123456789abcdef\": {\"read\": 1, \"starred\": false, \"changed\": \"2026-11-23T19:40:00Z\"}}}",
            "s.json: item 0123456789abcdef needs \"read\", \"starred\" and \"changed\""
        ),
        (
            "{\"version\": 1, \"items\": {\"0123456789abcdef\": {\"read\": true, \"starred\": false, \"changed\": \"soon\"}}}",
            "s.json: item 0123456789abcdef: \"changed\" is not an ISO 8601 time (soon)"
        ),
        (
            "{\"version\": 1, \"items\": {}, \"x\": " + String(repeating: "[", count: 5000) + "}",
            "s.json:1:546: nested too deeply"
        ),
    ])
    func badFilesAreRefusedWithWhere(text: String, message: String) {
        do {
            _ = try decode(text)
            Issue.record("accepted: \(text.prefix(80))")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func agreesWithFoundationOnRandomStateFiles() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var items: [ItemID: ItemState] = [:]
            for _ in 0..<Int.random(in: 0..<200, using: &generator) {
                items[ItemID(rawValue: UInt64.random(in: 0...UInt64.max, using: &generator))] =
                    ItemState(
                        read: Bool.random(using: &generator),
                        starred: Bool.random(using: &generator),
                        changed: Int.random(in: 0...4_000_000_000, using: &generator))
            }
            let data = StateFile.encode(ReadState(items: items))
            #expect(try StateFile.decode(data, path: "s.json") == ReadState(items: items))
            // Foundation reads the same file to the same marks.
            let json = try #require(
                try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let raw = try #require(json["items"] as? [String: [String: Any]])
            #expect(raw.count == items.count)
            for (key, value) in raw {
                let id = try #require(ItemID(hex: key))
                #expect(items[id]?.read == value["read"] as? Bool)
                #expect(
                    items[id].map { StateClock.format(secondsSince1970: $0.changed) }
                        == value["changed"] as? String)
            }
        }
    }
}
