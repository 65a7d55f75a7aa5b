import QuireTestSupport
import Testing

@testable import QuireCore

/// Whether a link's text needs its whitespace collapsed, decided sixteen bytes at a time:
/// the same answer as reading it byte by byte, at every length and every position of a
/// line break, a tab or a pair of spaces (the pair across two blocks of sixteen too).
@Suite("link text whitespace")
struct LinkTextTests {
    /// The rule, byte by byte: a byte below 0x20, or a space right after a space.
    static func reference(_ text: [UInt8]) -> Bool {
        zip(text.indices, text).contains { index, byte in
            byte < 0x20 || (byte == 32 && index > 0 && text[index - 1] == 32)
        }
    }

    @Test func agreesWithTheByteByByteRule() {
        let pieces: [[UInt8]] = [
            Array("word".utf8), Array(" ".utf8), Array("  ".utf8), [10], [9], [13], [0x1F],
            Array("“é”".utf8), [0x7F], [0xA0], Array("0123456789abcdef".utf8),
        ]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...14, using: &generator)
            let text = (0..<count).flatMap { _ in pieces.randomElement(using: &generator)! }
            let fast = text.withUnsafeBufferPointer { SectionBuilder.needsCollapsing($0) }
            #expect(fast == Self.reference(text), "\(text)")
        }
    }

    @Test func aPairOfSpacesIsFoundAtEveryOffset() {
        for length in 2...40 {
            for at in 0..<(length - 1) {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                text[at] = 32
                text[at + 1] = 32
                #expect(text.withUnsafeBufferPointer { SectionBuilder.needsCollapsing($0) })
                text[at + 1] = UInt8(ascii: "b")
                #expect(!text.withUnsafeBufferPointer { SectionBuilder.needsCollapsing($0) })
            }
        }
    }
}
