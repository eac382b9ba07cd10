import ModelTopUI

/// How the dashboard looks: `--theme`, `--ascii`, `--no-color`.
public struct DisplaySettings: Sendable {
    public var theme = "default"
    public var ascii = false
    public var monochrome = false

    public init(theme: String = "default", ascii: Bool = false, monochrome: Bool = false) {
        self.theme = theme
        self.ascii = ascii
        self.monochrome = monochrome
    }
}
