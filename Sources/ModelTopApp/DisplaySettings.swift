import ModelTopUI

/// How the dashboard looks and tells: `--theme`, `--ascii`, `--no-color`, `--bell`,
/// `--on-alert`.
public struct DisplaySettings: Sendable {
    /// The theme asked for on the command line (nil: the kept choice, else `default`).
    public var theme: String?
    public var ascii = false
    public var monochrome = false
    /// Ring the terminal bell on a change to ALERT.
    public var bell = false
    /// A command (run with `sh -c`) each severity change is sent to, as JSON on its input.
    public var onAlert: String?

    public init(theme: String? = nil, ascii: Bool = false, monochrome: Bool = false, bell: Bool = false, onAlert: String? = nil) {
        self.theme = theme
        self.ascii = ascii
        self.monochrome = monochrome
        self.bell = bell
        self.onAlert = onAlert
    }
}
