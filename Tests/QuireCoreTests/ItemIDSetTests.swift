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
