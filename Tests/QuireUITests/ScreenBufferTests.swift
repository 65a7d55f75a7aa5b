import QuireUI
import Testing

@Suite("screen buffer and display width")
struct ScreenBufferTests {
    @Test(arguments: [
        ("a", 1), ("来", 2), ("源", 2), ("ć", 1), ("e\u{301}", 1), ("“", 1), ("😀", 2), ("❤️", 2),
        ("🇫🇷", 2),
        ("👩‍💻", 2), ("\u{200B}", 0), ("한", 2), ("Ａ", 2),
    ])
    func graphemeWidths(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func wideCharactersTakeTwoCellsAndNeverShiftColumns() {
        var buffer = ScreenBuffer(size: Size(columns: 10, rows: 1))
        let used = buffer.put("来源: x", x: 0, y: 0)
        #expect(used == 7)
        #expect(buffer.lines() == ["来源: x   "])
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].width == 0)
        // A wide character that would straddle the edge becomes a space.
        var clipped = ScreenBuffer(size: Size(columns: 10, rows: 1))
        #expect(clipped.put("ab来", x: 0, y: 0, maxWidth: 3) == 2)
        #expect(clipped.lines() == ["ab        "])
    }

    @Test func controlCharactersAndEscapeSequencesNeverReachTheBuffer() {
        var buffer = ScreenBuffer(size: Size(columns: 30, rows: 1))
        buffer.put(
            "a\u{1B}[31mred\u{1B}[0m\u{07}b\u{1B}]52;c;ZXZpbA==\u{07}c\u{9B}2Jd\r\ne\u{7F}", x: 0,
            y: 0)
        // Each escape sequence shows as one ␛; other controls go; CR and LF become spaces.
        #expect(
            buffer.lines() == ["a␛red␛b␛c␛d  e".padding(toLength: 30, withPad: " ", startingAt: 0)])
        var bidi = ScreenBuffer(size: Size(columns: 12, rows: 1))
        bidi.put("ab\u{202E}cd\u{2066}ef\u{2069}", x: 0, y: 0)
        #expect(bidi.lines() == ["abcdef      "])
    }

    @Test func combiningMarksJoinTheCharacterBefore() {
        var buffer = ScreenBuffer(size: Size(columns: 6, rows: 1))
        #expect(buffer.put("Gordic\u{301}", x: 0, y: 0) == 6)
        #expect(buffer[5, 0].text == "c\u{301}")
    }

    @Test func writingOutsideTheBufferIsIgnored() {
        var buffer = ScreenBuffer(size: Size(columns: 3, rows: 2))
        #expect(buffer.put("abc", x: 5, y: 0) == 0)
        #expect(buffer.put("abc", x: 0, y: 7) == 0)
        #expect(buffer.put("abcdef", x: 1, y: 1) == 2)
        #expect(buffer.lines() == ["   ", " ab"])
    }

    @Test func changedCellsAreOnlyTheOnesThatDiffer() {
        var a = ScreenBuffer(size: Size(columns: 5, rows: 2))
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("j", x: 0, y: 1)
        #expect(b.changedCells(since: a) == [5])
        #expect(b.changedCells(since: nil).count == 10)
    }
}
