import CNcursesw
import QuireTerminal
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

    @Test func aTableThatDisagreesElsewhereIsFollowed() {
        // Whatever the C library says decides: here a table where every picture is narrow.
        let narrow = TerminalGlyph("🔬".unicodeScalars[...], width: 2) {
            $0 < 0x300 || $0 > 0x1000 ? 1 : 0
        }
        #expect(narrow == TerminalGlyph(scalars: [0x1F52C], filler: 0x20))
    }
}
