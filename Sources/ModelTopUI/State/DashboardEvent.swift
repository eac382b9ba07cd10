import ModelTopIngest

/// Everything that changes the dashboard's state, in one stream: the reducer
/// (``DashboardState/apply(_:)``) is the only place state changes.
public enum DashboardEvent: Sendable {
    /// Decoded lines from a source (the batch is recycled by the caller afterwards).
    case batch(DecodedBatch)
    case key(Key)
    case resize(width: Int, height: Int)
    /// The UI clock (wall time, seconds since the epoch): rates and transient messages.
    case tick(Double)
    /// Something to tell the user in the prompt row (a theme that failed to load, ...).
    case notice(String)
}
