import CNcurses
import ModelTopUI

/// What ncurses' `get_wch` returns, as a ``Key``: pure, so the mapping is tested without a
/// terminal.
enum KeyDecoder {
    /// What a code means.
    enum Decoded: Equatable {
        case key(Key)
        case resize
        /// A mouse event: read it with `getmouse`.
        case mouse
        /// A code the dashboard has no use for.
        case ignored
    }

    /// Decodes `code`: a function-key code when `isFunctionKey` (`KEY_CODE_YES`), else a
    /// character.
    static func decode(_ code: UInt32, isFunctionKey: Bool) -> Decoded {
        if isFunctionKey {
            switch Int32(bitPattern: code) {
            case KEY_RESIZE: return .resize
            case KEY_MOUSE: return .mouse
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case mt_key_btab(): return .key(.backTab)
            case mt_key_f(1)...mt_key_f(12): return .key(.function(Int(Int32(bitPattern: code) - mt_key_f(0))))
            default: return .ignored
            }
        }
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 9: return .key(.tab)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(code) + 96))))
        default:
            guard let scalar = Unicode.Scalar(code), scalar.value >= 0x20 else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    /// A mouse event's key: wheel up or down, or a click at its cell.
    static func mouse(buttons: mmask_t, x: Int, y: Int) -> Key {
        if buttons & mt_button4_pressed() != 0 { return .scrollUp }
        if buttons & mt_button5_pressed() != 0 { return .scrollDown }
        return .click(x: x, y: y)
    }
}
