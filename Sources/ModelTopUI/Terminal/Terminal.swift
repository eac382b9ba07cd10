/// What the app loop needs from a terminal: take it over and give it back, draw frames, read
/// keys and resizes, wait for input. ``NcursesTerminal`` (ModelTopTerminal) is the real one;
/// tests drive the loop with a fake.
public protocol Terminal: AnyObject {
    /// What the terminal can show (glyphs, colours); known after ``start(theme:)``.
    var context: RenderContext { get }
    /// The size in cells now.
    var size: (width: Int, height: Int) { get }

    /// Takes the terminal over with `theme`.
    /// - Throws: when there is no usable terminal (the message says what to do instead).
    func start(theme: Theme) throws
    /// Gives the terminal back as it was (safe to call twice).
    func stop()
    /// Uses `theme` from the next frame on.
    func setTheme(_ theme: Theme)
    /// Shows `buffer`.
    func draw(_ buffer: CellBuffer)
    /// Rings the bell (`--bell`).
    func bell()
    /// The next key, click or resize already waiting, without waiting; nil when none is.
    func readInput() -> TerminalInput?
    /// Waits until input may be waiting, `wake` (a descriptor, or -1) is readable, or
    /// `timeout` seconds have passed.
    /// - Returns: false when the terminal has gone away (hung up).
    func wait(timeout: Double, wake: Int32) -> Bool
}

/// What a terminal reads.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
}
