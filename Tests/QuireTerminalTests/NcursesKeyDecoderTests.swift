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

@Suite("ncurses mouse decoder")
struct NcursesMouseDecoderTests {
    @Test func pressesAndTheWheelBecomeMouseEvents() {
        #expect(
            NcursesKeyDecoder.decodeMouse(buttons: quire_button1_pressed, x: 3, y: 4)
                == .mouse(MouseEvent(.left, x: 3, y: 4)))
        #expect(
            NcursesKeyDecoder.decodeMouse(buttons: quire_button4_pressed, x: 0, y: 0)
                == .mouse(MouseEvent(.wheelUp, x: 0, y: 0)))
        #expect(
            NcursesKeyDecoder.decodeMouse(buttons: quire_button5_pressed, x: 9, y: 9)
                == .mouse(MouseEvent(.wheelDown, x: 9, y: 9)))
        // Releases and other buttons are not used.
        #expect(NcursesKeyDecoder.decodeMouse(buttons: quire_button1_released, x: 3, y: 4) == nil)
        #expect(NcursesKeyDecoder.decodeMouse(buttons: quire_button3_pressed, x: 3, y: 4) == nil)
        // A key code for the mouse asks for the pending report.
        let event = NcursesKeyDecoder.decode(
            status: KEY_CODE_YES, value: UInt32(KEY_MOUSE), size: { Size(columns: 1, rows: 1) },
            mouse: { .mouse(MouseEvent(.left, x: 1, y: 2)) })
        #expect(event == .mouse(MouseEvent(.left, x: 1, y: 2)))
    }
}
