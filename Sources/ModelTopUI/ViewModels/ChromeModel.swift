import ModelTopCore

/// The header, prompt row and status bar around every screen.
public struct ChromeModel: Sendable {
    /// A piece of the status bar; the view formats it and drops the least important ones on a
    /// narrow terminal.
    public enum StatusItem: Sendable, Equatable {
        case sources(Int)
        /// Events applied per wall-clock second.
        case rate(Double)
        case malformed(Int)
        /// HTTP requests the receiver refused (4xx, 5xx).
        case rejected(Int)
        /// Remote hosts connected, of all.
        case hosts(up: Int, total: Int)
        /// Workers whose pane summaries are merged: those heard from lately, all, and the
        /// malformed lines they counted.
        case workers(live: Int, total: Int, malformed: Int)
        /// Severity changes not seen in the timeline yet.
        case alerts(Int)
        /// The event-time clock, or the replay's.
        case clock(Double?, replay: Bool)
        case paused
        case replay(speed: Double, paused: Bool)
        case theme(String)
        /// Why the selected model is WARN or ALERT, in a few words.
        case reason(model: String, text: String, severity: Severity)
    }

    /// What the prompt row shows.
    public enum Prompt: Sendable, Equatable {
        case filter(String, features: Bool)
        case confirmRebaseline(model: String)
        case message(String)
    }

    /// Where the user is: `fleet`, then the model, the feature or the view.
    public var trail: [String]
    public var paused: Bool
    public var prompt: Prompt?
    public var status: [StatusItem]
}
