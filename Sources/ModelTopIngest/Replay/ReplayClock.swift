/// Maps wall time to the event time a replay has reached: event time runs `speed` times
/// faster than the wall clock from an anchor, and stands still while paused.
///
/// Pure (the wall time is always passed in), so pacing is tested with a made-up clock.
public struct ReplayClock: Sendable, Equatable {
    /// Event seconds per wall second; `.infinity` replays as fast as possible.
    public private(set) var speed: Double
    public private(set) var paused = false
    private var anchorWall: Double
    private var anchorEvent: Double

    /// A clock at event time `start` when the wall clock reads `wall`.
    public init(start: Double, wall: Double, speed: Double) {
        self.speed = speed
        anchorWall = wall
        anchorEvent = start
    }

    /// The event time reached at `wall`.
    public func eventTime(atWall wall: Double) -> Double {
        if paused { return anchorEvent }
        if speed.isInfinite { return .infinity }
        return anchorEvent + (wall - anchorWall) * speed
    }

    /// Re-anchors at `wall` so the change applies from now on.
    private mutating func reanchor(_ wall: Double) {
        let now = eventTime(atWall: wall)
        if now.isFinite { anchorEvent = now }
        anchorWall = wall
    }

    public mutating func setSpeed(_ newSpeed: Double, atWall wall: Double) {
        reanchor(wall)
        speed = newSpeed
    }

    public mutating func setPaused(_ newValue: Bool, atWall wall: Double) {
        reanchor(wall)
        paused = newValue
    }

    /// Jumps `seconds` of event time ahead (what lies between is replayed at once).
    public mutating func skip(_ seconds: Double, atWall wall: Double) {
        reanchor(wall)
        anchorEvent += seconds
    }

    /// Wall seconds until event time `t` is reached: 0 when it has been, nil while paused.
    public func wallDelay(until t: Double, atWall wall: Double) -> Double? {
        let now = eventTime(atWall: wall)
        if now >= t { return 0 }
        if paused || speed <= 0 { return nil }
        return (t - now) / speed
    }
}
