import CNcurses
import CTerminalRestore
import Foundation
import ModelTopSystem
import ModelTopUI

/// The one place modeltop talks to ncurses: takes over the terminal, draws cell buffers
/// (only the cells that changed), decodes keys, mouse clicks and resizes, and gives the
/// terminal back.
public final class NcursesTerminal: Terminal {
    /// What the terminal can show.
    public private(set) var context = RenderContext()
    /// Colours available: 0 (monochrome), 8 or 256.
    public private(set) var colorCount = 0
    private var screen: OpaquePointer?
    private var input: UnsafeMutablePointer<FILE>?
    private var ownsInput = false
    private var previous: CellBuffer?
    private var pairs: [PairKey: Int32] = [:]
    private var theme = Theme.default
    private var started = false
    private let ascii: Bool
    private let monochrome: Bool

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// - Parameters:
    ///   - ascii: draw with ASCII only (also chosen when the locale's character set is not UTF-8).
    ///   - monochrome: no colours (also chosen with `NO_COLOR` or a terminal without colours).
    public init(ascii: Bool = false, monochrome: Bool = false) {
        self.ascii = ascii
        self.monochrome = monochrome
    }

    /// Takes over the terminal with `newterm` (never `initscr`, which exits on an unknown
    /// TERM). Keys are read from the terminal even when standard input carries the logs.
    public func start(theme: Theme) throws {
        setlocale(LC_ALL, "")
        guard isatty(STDOUT_FILENO) != 0 else {
            throw TerminalError("the dashboard needs a terminal on standard output; use --no-tui for JSON lines, or 'modeltop report'")
        }
        if isatty(STDIN_FILENO) != 0 {
            input = mt_stdin()
        } else {
            guard let tty = fopen("/dev/tty", "r") else {
                throw TerminalError("no terminal to read keys from (/dev/tty); use --no-tui or 'modeltop report'")
            }
            input = tty
            ownsInput = true
        }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        // A crash must not leave the terminal in the alternate screen with the cursor hidden.
        mt_restore_install(input.map { fileno($0) } ?? STDIN_FILENO, STDOUT_FILENO)
        guard let screen = newterm(nil, mt_stdout(), input) else {
            mt_restore_remove()
            throw TerminalError("unknown terminal type '\(term)'; set TERM (e.g. TERM=xterm-256color), or use --no-tui or 'modeltop report'")
        }
        self.screen = screen
        started = true
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        keypad(mt_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        wtimeout(mt_stdscr(), 0)
        mousemask(mt_button1_pressed() | mt_button1_clicked() | mt_button4_pressed() | mt_button5_pressed(), nil)
        mouseinterval(0)
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !monochrome && !noColor && has_colors() {
            start_color()
            use_default_colors()
            colorCount = mt_colors() >= 256 ? 256 : 8
        } else {
            colorCount = 0
        }
        context = RenderContext(glyphs: ascii || codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" ? .ascii : .unicode,
                                monochrome: colorCount == 0)
        self.theme = theme
    }

    /// Gives the terminal back (safe to call twice).
    public func stop() {
        guard started else { return }
        started = false
        endwin()
        mt_restore_remove()
        if let screen { delscreen(screen) }
        screen = nil
        if ownsInput, let input { fclose(input) }
        input = nil
    }

    deinit {
        stop()
    }

    /// The terminal's size now.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(mt_stdscr())), Int(getmaxy(mt_stdscr())))
    }

    /// The file descriptor keys arrive on (for `poll`).
    public var inputDescriptor: Int32 { input.map { fileno($0) } ?? STDIN_FILENO }

    /// Uses `theme` from the next frame on (the whole screen is redrawn).
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        pairs.removeAll()
        previous = nil
    }

    /// Draws `buffer`, writing only the cells that differ from the last frame.
    public func bell() {
        beep()
    }

    public func draw(_ buffer: CellBuffer) {
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { werase(mt_stdscr()) }
        var cchar = cchar_t()
        var wide = [wchar_t](repeating: 0, count: 8)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.character == Cell.continuation { continue }
                if !full, let previous, previous[x, y] == cell { continue }
                // The bottom-right cell scrolls some terminals: leave it.
                if y == buffer.height - 1 && x == buffer.width - 1 { continue }
                var n = 0
                for scalar in cell.character.unicodeScalars.prefix(7) {
                    wide[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                wide[n] = 0
                var (attributes, pair) = self.attributes(cell.style)
                // The pair goes through `opts` so that pairs above 32767 work too.
                _ = wide.withUnsafeBufferPointer { setcchar(&cchar, $0.baseAddress, attributes, 0, &pair) }
                mvwadd_wch(mt_stdscr(), Int32(y), Int32(x), &cchar)
            }
        }
        wrefresh(mt_stdscr())
        previous = buffer
    }

    /// Forces the next frame to be drawn whole (after a resume or resize).
    public func invalidate() {
        previous = nil
        clearok(mt_stdscr(), true)
    }

    private func attributes(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        var attributes = mt_a_normal()
        if style.bold { attributes |= mt_a_bold() }
        if style.reverse { attributes |= mt_a_reverse() }
        if style.underline { attributes |= mt_a_underline() }
        if style.dim { attributes |= mt_a_dim() }
        guard colorCount > 0 else { return (attributes, 0) }
        let key = PairKey(foreground: color(theme.resolve(style.foreground)), background: color(theme.resolve(style.background)))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let pair = Int32(pairs.count + 1)
        guard pair < mt_color_pairs() else { return (attributes, 0) }
        init_extended_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return (attributes, pair)
    }

    private func color(_ color: TerminalColor) -> Int32 {
        switch colorCount {
        case 256: return Int32(color.paletteIndex ?? -1)
        default: return Int32(color.basicIndex ?? -1)
        }
    }

    /// The next key, click or resize already waiting; nil when there is none.
    public func readInput() -> TerminalInput? {
        while true {
            var character: wint_t = 0
            let status = wget_wch(mt_stdscr(), &character)
            if status == ERR { return nil }
            switch KeyDecoder.decode(UInt32(character), isFunctionKey: status == KEY_CODE_YES) {
            case .key(let key): return .key(key)
            case .resize:
                invalidate()
                let s = size
                return .resize(width: s.width, height: s.height)
            case .mouse:
                var event = MEVENT()
                if getmouse(&event) == OK {
                    return .key(KeyDecoder.mouse(buttons: event.bstate, x: Int(event.x), y: Int(event.y)))
                }
            case .ignored:
                continue
            }
        }
    }

    /// Waits in `poll` for a key or a wake-up; false when the terminal has hung up (a dropped
    /// SSH connection, a killed tmux session: the hangup signal reaches only the session
    /// leader, which may be a parent that waits for us, and the keyboard reads "ready" forever).
    public func wait(timeout: Double, wake: Int32) -> Bool {
        var fds = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        let milliseconds = Int32(min(max(timeout, 0), 3600) * 1000)
        // A signal (SIGWINCH: a resize) ends the wait, so the loop reads the resize at once.
        _ = try? SystemCall.interruptible("poll") { poll(&fds, nfds_t(fds.count), milliseconds) }
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }
}
