/// A key press or mouse click, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, backspace, tab, backTab
    case up, down, left, right, pageUp, pageDown, home, end
    /// A click (button 1) at a cell.
    case click(x: Int, y: Int)
    case scrollUp, scrollDown
    case control(Character)
    /// A function key: F1 is help, F10 quits (as in htop).
    case function(Int)
}
