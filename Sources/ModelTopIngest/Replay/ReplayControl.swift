import ModelTopCore
import Synchronization

/// What the dashboard asks of a running replay: read by the replay thread, set by the loop
/// that owns the state.
public final class ReplayControl: @unchecked Sendable {
    private let request: Mutex<ReplaySettings>
    private let appliedRequest: Mutex<ReplaySettings?> = Mutex(nil)

    public init(_ request: ReplaySettings) {
        self.request = Mutex(request)
    }

    /// What is asked for now.
    public var current: ReplaySettings {
        get { request.withLock { $0 } }
        set { request.withLock { $0 = newValue } }
    }

    /// The settings the replay has last applied to its clock (nil before its first event), so
    /// a caller can wait until a change took effect instead of sleeping.
    public var applied: ReplaySettings? {
        get { appliedRequest.withLock { $0 } }
        set { appliedRequest.withLock { $0 = newValue } }
    }
}
