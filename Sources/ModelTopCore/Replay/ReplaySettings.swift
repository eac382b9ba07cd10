/// What is asked of a replay: speed, pause, skips (the dashboard's space, `+`, `-`, `>`). The
/// dashboard's reducer returns it as an effect; the replay source reads it through its
/// `ReplayControl`.
public struct ReplaySettings: Sendable, Equatable {
    /// Event seconds per wall second; infinity is as fast as possible.
    public var speed: Double
    public var paused: Bool
    /// Ten-minute skips asked for so far.
    public var skips: Int

    public init(speed: Double, paused: Bool = false, skips: Int = 0) {
        self.speed = speed
        self.paused = paused
        self.skips = skips
    }
}
