import ModelTopCore

/// Everything that changes the dashboard's state, in one stream: the reducer
/// (``DashboardState/apply(_:)``) is the only place state changes.
public enum DashboardEvent: Sendable {
    /// Severity changes the session found (counted until the timeline is opened; ALERTs ring
    /// the bell and are sent to `--on-alert` when asked).
    case alerts([AlertChange])
    case key(Key)
    /// A click on something the last frame drew (see ``HitMap``).
    case clicked(HitTarget)
    case resize(width: Int, height: Int)
    /// The UI clock (wall time, seconds since the epoch): rates and transient messages.
    case tick(Double)
    /// Events the session applied (for the status bar's rate).
    case ingested(events: Int)
    /// Something to tell the user in the prompt row (a theme that failed to load, ...).
    case notice(String)
    /// What the presenter made of the data and this state.
    case presented(Navigation)
}
