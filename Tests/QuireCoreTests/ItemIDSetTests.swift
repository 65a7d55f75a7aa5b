import Testing

@testable import QuireCore

@Suite("Id and byte sets")
struct ItemIDSetTests {
    @Test func holdsWhatASetHoldsThroughManyGrowths() {
        var ids = ItemIDSet()
        var reference: Set<UInt64> = []
        // Ids that differ only in their high bits, in their low bits, and the empty slot's 0.
        let raws =
            (0..<5_000).map { UInt64($0) << 40 } + (0..<5_000).map { UInt64($0) }
            + (0..<5_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for raw in raws {
            #expect(ids.insert(ItemID(rawValue: raw)) == reference.insert(raw).inserted)
        }
        #expect(ids.count == reference.count)
        #expect(reference.allSatisfy { ids.contains(ItemID(rawValue: $0)) })
        #expect(!ids.contains(ItemID(rawValue: 0xDEAD_BEEF_0000_0001)))
        #expect(ids.contains(ItemID(rawValue: 0)))
    }

    /// Small lists take one table, large ones are split by their top bits: both count
    /// every id once, duplicates across parts and the id 0 included.
    @Test(arguments: [0, 1, 100, 16_383, 16_384, 300_000])
    func distinctCountCountsEachIdOnce(count: Int) {
        var generator = SystemRandomNumberGenerator()
        var raws = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        // A third again as repeats, and ids that differ only in their top or bottom bits.
        raws += raws.prefix(count / 3)
        raws += (0..<min(count, 500)).flatMap { [UInt64($0) << 56, UInt64($0)] }
        #expect(ItemIDSet.distinctCount(raws.map(ItemID.init(rawValue:))) == Set(raws).count)
    }

    /// `quire stats`'s counts: every link of every section, and each reading item once
    /// however many sections name it; large enough that the ids are split into parts.
    @Test(arguments: [0, 7, 30_000])
    func aLibraryCountsItsLinksAndItsDistinctItems(count: Int) {
        // Every third address is named again in a later issue.
        let urls = (0..<count).map { "https://example.org/\($0 % 3 == 0 ? $0 / 3 : $0)" }
        let issues = stride(from: 0, to: max(count, 1), by: 2_000).map { start in
            let links = urls[start..<min(start + 2_000, count)].map {
                Link(text: "a paper", url: $0)
            }
            return Issue(
                title: "Issue \(start)", kind: .newsletter, path: "\(start).md",
                sections: [
                    Section(title: "Papers", links: Array(links.prefix(500))),
                    Section(title: "Tools", links: Array(links.dropFirst(500))),
                ])
        }
        let counts = Library(issues: issues).linkCounts
        #expect(counts.links == count)
        #expect(counts.distinct == Set(urls).count)
    }

    @Test func anEmptySetHoldsNothing() {
        let ids = ItemIDSet(minimumCapacity: 100)
        #expect(ids.isEmpty)
        #expect(!ids.contains(ItemID(rawValue: 0)))
        #expect(!ids.contains(ItemID(rawValue: 42)))
    }

    @Test func byteSetHoldsExactlyItsBytes() {
        let set = ByteSet(firstBytesOf: ["hello", "Über", "", "~tilde", "\u{7F}"])
        let expected: Set<UInt8> = [104, 0xC3, 126, 127]
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == expected.contains(byte), "byte \(byte)")
        }
    }
}
