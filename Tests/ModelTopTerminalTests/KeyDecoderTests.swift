import CNcurses
import ModelTopUI
import Testing
@testable import ModelTopTerminal

@Suite struct KeyDecoderTests {
    @Test func functionKeys() {
        let cases: [(Int32, KeyDecoder.Decoded)] = [
            (KEY_UP, .key(.up)), (KEY_DOWN, .key(.down)), (KEY_LEFT, .key(.left)), (KEY_RIGHT, .key(.right)),
            (KEY_PPAGE, .key(.pageUp)), (KEY_NPAGE, .key(.pageDown)), (KEY_HOME, .key(.home)), (KEY_END, .key(.end)),
            (KEY_ENTER, .key(.enter)), (KEY_BACKSPACE, .key(.backspace)), (mt_key_btab(), .key(.backTab)),
            (KEY_RESIZE, .resize), (KEY_MOUSE, .mouse), (KEY_F0 + 1, .key(.function(1))), (KEY_F0 + 10, .key(.function(10))),
            (KEY_F0 + 20, .ignored),
        ]
        for (code, expected) in cases {
            #expect(KeyDecoder.decode(UInt32(bitPattern: code), isFunctionKey: true) == expected, "\(code)")
        }
    }

    @Test func characters() {
        #expect(KeyDecoder.decode(13, isFunctionKey: false) == .key(.enter))
        #expect(KeyDecoder.decode(10, isFunctionKey: false) == .key(.enter))
        #expect(KeyDecoder.decode(27, isFunctionKey: false) == .key(.escape))
        #expect(KeyDecoder.decode(127, isFunctionKey: false) == .key(.backspace))
        #expect(KeyDecoder.decode(9, isFunctionKey: false) == .key(.tab))
        #expect(KeyDecoder.decode(3, isFunctionKey: false) == .key(.control("c")))
        #expect(KeyDecoder.decode(UInt32(("q" as Unicode.Scalar).value), isFunctionKey: false) == .key(.character("q")))
        #expect(KeyDecoder.decode(0xE9, isFunctionKey: false) == .key(.character("é")))
        #expect(KeyDecoder.decode(0x1F600, isFunctionKey: false) == .key(.character("😀")))
        #expect(KeyDecoder.decode(0xD800, isFunctionKey: false) == .ignored)  // a lone surrogate
        #expect(KeyDecoder.decode(0, isFunctionKey: false) == .ignored)
    }

    @Test func mouse() {
        #expect(KeyDecoder.mouse(buttons: mt_button1_pressed(), x: 4, y: 7) == .click(x: 4, y: 7))
        #expect(KeyDecoder.mouse(buttons: mt_button4_pressed(), x: 0, y: 0) == .scrollUp)
        #expect(KeyDecoder.mouse(buttons: mt_button5_pressed(), x: 0, y: 0) == .scrollDown)
    }
}
