import Foundation
import Testing

@testable import QuireCore

/// `UTF8Text.check`, the one pass over every file's bytes, against the three separate
/// checks it stands for: the first NUL (`memchr`), the first invalid byte
/// (`UTF8Text.firstInvalid`) and whether controls may be present
/// (`TerminalText.mayHoldControls`).
@Suite("one-pass UTF-8 check")
struct UTF8CheckTests {
    /// Pieces text is made of: ASCII runs, line breaks and tabs, multi-byte characters, C0
    /// and C1 controls, DEL, NUL and broken sequences.
    static let pieces: [[UInt8]] = [
        Array("plain ascii text ".utf8), Array("0123456789abcdef".utf8), [10], [13, 10], [9],
        Array("é".utf8), Array("—".utf8), Array("🎧".utf8), Array("“”".utf8), [0x1B], [0x7F],
        [0xC2, 0x85], [0xC2, 0xA0], [0], [0xFF], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
    ]

    @Test func agreesWithTheSeparateChecksOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                // Mostly clean text, now and then something special.
                let piece =
                    Bool.random(using: &generator) || Int.random(in: 0..<4, using: &generator) > 0
                    ? Self.pieces[Int.random(in: 0..<9, using: &generator)]
                    : Self.pieces.randomElement(using: &generator)!
                bytes += piece
            }
            bytes.withUnsafeBufferPointer { buffer in
                let nul = buffer.firstIndex(of: 0)
                let invalid = UTF8Text.firstInvalid(buffer)
                let expected: UTF8Text.Check
                if let nul, invalid.map({ nul < $0 }) ?? true {
                    expected = .nul(at: nul)
                } else if let invalid {
                    expected = .invalid(at: invalid)
                } else {
                    expected = .valid(hasControls: TerminalText.mayHoldControls(buffer))
                }
                #expect(UTF8Text.check(buffer) == expected, "\(bytes)")
            }
        }
    }
}
