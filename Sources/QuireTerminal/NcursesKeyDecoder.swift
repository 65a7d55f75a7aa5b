import CNcursesw
import QuireUI

/// Turns what `wget_wch` returned into an input event; pure, so it is tested directly.
public enum NcursesKeyDecoder {
    /// `status` is `wget_wch`'s result (`OK`, `KEY_CODE_YES` or `ERR`), `value` what it stored.
    ///
    /// `mouse` reads the pending mouse event when `value` is `KEY_MOUSE` (`getmouse`).
    public static func decode(
        status: Int32, value: UInt32, size: () -> Size, mouse: () -> InputEvent? = { nil }
    ) -> InputEvent? {
        if status == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_RESIZE: return .resize(size())
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_MOUSE: return mouse()
            default: return .key(.unknown(Int32(value)))
            }
        }
        guard status == OK else { return nil }
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(value + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(value) else {
                return .key(.unknown(Int32(bitPattern: value)))
            }
            return .key(.char(Character(scalar)))
        }
    }

    /// The event a mouse report (`getmouse`'s button state and cell) stands for; nil for
    /// the buttons quire does not use (releases, the right button).
    public static func decodeMouse(buttons: mmask_t, x: Int32, y: Int32) -> InputEvent? {
        let button: MouseEvent.Button
        if buttons & quire_button1_pressed != 0 {
            button = .left
        } else if buttons & quire_button4_pressed != 0 {
            button = .wheelUp
        } else if quire_button5_pressed != 0, buttons & quire_button5_pressed != 0 {
            button = .wheelDown
        } else {
            return nil
        }
        guard x >= 0, y >= 0 else { return nil }
        return .mouse(MouseEvent(button, x: Int(x), y: Int(y)))
    }
}
