/// Where the parts of the dashboard go for the terminal's size: a header row, the body, a
/// prompt row when there is something to ask or say, and the status bar.
public struct ScreenLayout: Sendable {
    /// The smallest terminal the dashboard lays out for.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let header: Rect
    public let body: Rect
    public let prompt: Rect?
    public let status: Rect
    public let tooSmall: Bool

    public init(width: Int, height: Int, hasPrompt: Bool) {
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        if hasPrompt {
            prompt = Rect(x: 0, y: height - 2, width: width, height: 1)
            body = Rect(x: 0, y: 1, width: width, height: height - 3)
        } else {
            prompt = nil
            body = Rect(x: 0, y: 1, width: width, height: height - 2)
        }
    }

    /// The layout of `model`'s frame.
    public init(_ model: DashboardModel) {
        self.init(width: model.width, height: model.height, hasPrompt: model.chrome.prompt != nil)
    }
}
