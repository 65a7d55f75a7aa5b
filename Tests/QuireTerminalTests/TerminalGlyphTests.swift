import CNcursesw
import QuireTerminal
import QuireTestSupport
import QuireUI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a screen cell is written as, by libc's column counts in a UTF-8 locale.
@Suite("terminal glyphs")
struct TerminalGlyphTests {
    init() { setlocale(LC_CTYPE, "C.UTF-8") }

    func glyph(_ text: String, width: Int) -> TerminalGlyph {
        TerminalGlyph(text.unicodeScalars[...], width: width) { Int(quire_wcwidth($0)) }
    }

    @Test func aOneColumnSymbolWithTheEmojiSelectorIsPaddedWithoutTheSelector() {
        let tools = glyph("🛠️", width: 2)
        #expect(tools.scalars == [0x1F6E0])
        #expect(tools.filler == 0x20)
        #expect(tools.utf8 == Array("🛠 ".utf8))
    }

    @Test func combiningMarksStayAndWideCharactersNeedNoFiller() {
        #expect(glyph("e\u{301}", width: 1) == TerminalGlyph(scalars: [0x65, 0x301], filler: nil))
        #expect(glyph("中", width: 2) == TerminalGlyph(scalars: [0x4E2D], filler: nil))
        #expect(glyph("🔬", width: 2) == TerminalGlyph(scalars: [0x1F52C], filler: nil))
    }

    @Test func sequencesTerminalsDrawDifferentlyKeepTheirFirstPicture() {
        // A family joined by zero-width joiners, a thumb with a skin tone.
        #expect(glyph("👨‍👩‍👧", width: 2) == TerminalGlyph(scalars: [0x1F468], filler: nil))
        #expect(glyph("👍🏽", width: 2) == TerminalGlyph(scalars: [0x1F44D], filler: nil))
        // A flag: two letters of one column each.
        #expect(glyph("🇺🇸", width: 2) == TerminalGlyph(scalars: [0x1F1FA], filler: 0x1F1F8))
    }

    @Test func whatLibcDoesNotKnowOrMakesTooWideBecomesTheReplacementCharacter() {
        #expect(glyph("\u{378}", width: 1) == TerminalGlyph(scalars: [0xFFFD], filler: nil))
        #expect(glyph("\u{2EFF}", width: 2) == TerminalGlyph(scalars: [0xFFFD], filler: 0x20))
        // Wide to libc, one column to quire's table: it cannot fit its cell.
        #expect(Int(quire_wcwidth(0x4DC0)) == 2)
        #expect(glyph("䷀", width: 1) == TerminalGlyph(scalars: [0xFFFD], filler: nil))
    }

    /// Any text the buffer lays out is written so that a terminal moving its cursor by
    /// libc's counts (as ncurses does) ends each cell where the buffer's next cell starts,
    /// and gets no selector, joiner or skin tone to count in a way of its own.
    @Test func everyCellAdvancesTheCursorByItsWidth() {
        let pieces = [
            "a", " ", "é", "e\u{301}", "中", "🛠️", "🛠", "⚡", "⚡️", "🔬", "👨‍👩‍👧", "👍🏽", "🇺🇸", "🇺",
            "\u{378}", "䷀", "\u{1160}", "\u{600}1", "ﾊ", "Ａ", "\u{200B}", "\u{200D}", "\u{FE0F}",
            "\u{AD}", "א", "ع", "\u{E0100}", "\u{1F3FB}", "\u{1B}", "\t", "\u{85}", "☺︎", "❤️", "#️⃣",
            "\u{2EFF}", "\u{1FAE8}", "ก\u{E31}", "\u{1100}\u{1161}\u{11A8}",
        ]
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            var buffer = ScreenBuffer(size: Size(columns: 30, rows: 1))
            buffer.put(text, x: 0, y: 0)
            for x in 0..<30 where buffer[x, 0].width > 0 {
                let cell = buffer[x, 0]
                let glyph = TerminalGlyph(cell)
                let written = glyph.scalars + (glyph.filler.map { [$0] } ?? [])
                let advance = written.reduce(0) { $0 + Int(quire_wcwidth($1)) }
                #expect(advance == Int(cell.width), "\(text.debugDescription) at \(x): \(written)")
                #expect(!written.contains { $0 == 0x200D || (0xFE00...0xFE0F).contains($0) })
                #expect(written.allSatisfy { quire_wcwidth($0) >= 0 })
            }
        }
    }

    @Test func aTableThatDisagreesElsewhereIsFollowed() {
        // Whatever the C library says decides: here a table where every picture is narrow.
        let narrow = TerminalGlyph("🔬".unicodeScalars[...], width: 2) {
            $0 < 0x300 || $0 > 0x1000 ? 1 : 0
        }
        #expect(narrow == TerminalGlyph(scalars: [0x1F52C], filler: 0x20))
    }
}
