import CNcursesw
import QuireTerminal
import QuireUI
import Testing

@Suite("ncurses key decoder")
struct NcursesKeyDecoderTests {
    let size = { Size(columns: 100, rows: 30) }

    func decode(_ status: Int32, _ value: Int32) -> InputEvent? {
        NcursesKeyDecoder.decode(status: status, value: UInt32(bitPattern: value), size: size)
    }

    @Test func functionKeysBecomeNamedKeys() {
        #expect(decode(KEY_CODE_YES, KEY_DOWN) == .key(.down))
        #expect(decode(KEY_CODE_YES, KEY_NPAGE) == .key(.pageDown))
        #expect(decode(KEY_CODE_YES, KEY_BTAB) == .key(.backTab))
        #expect(decode(KEY_CODE_YES, KEY_HOME) == .key(.home))
        #expect(decode(KEY_CODE_YES, KEY_RESIZE) == .resize(Size(columns: 100, rows: 30)))
    }

    @Test func controlBytesBecomeControlKeys() {
        #expect(decode(OK, 4) == .key(.ctrl("d")))
        #expect(decode(OK, 12) == .key(.ctrl("l")))
        #expect(decode(OK, 9) == .key(.tab))
        #expect(decode(OK, 13) == .key(.enter))
        #expect(decode(OK, 27) == .key(.escape))
        #expect(decode(OK, 127) == .key(.backspace))
    }

    @Test func charactersIncludingWideOnesComeThrough() {
        #expect(decode(OK, 106) == .key(.char("j")))
        #expect(decode(OK, 0x6765) == .key(.char("来")))
        #expect(decode(OK, 32) == .key(.char(" ")))
    }

    @Test func aTimeoutIsNoEvent() {
        #expect(decode(ERR, 0) == nil)
    }
}
