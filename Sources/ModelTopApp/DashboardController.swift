import ModelTopCore
import ModelTopIngest
import ModelTopUI

/// The dashboard without its terminal and threads: the session (data), the UI state, and the
/// presenter that turns both into view models. The loop feeds it events and performs the
/// effects that reach outside (quit, replay, theme); it performs those on the session itself.
public struct DashboardController {
    public private(set) var session: Session
    public private(set) var state: DashboardState
    /// The view models of the last presentation.
    public private(set) var model: DashboardModel
    private let presenter: Presenter

    public init(session: Session, state: DashboardState, presenter: Presenter? = nil) {
        self.session = session
        self.state = state
        let presenter = presenter ?? Presenter(baselineVersion: session.baselineVersion)
        self.presenter = presenter
        model = presenter.present(monitor: session.shownMonitor, ingest: session.shownIngest, alerts: session.alerts, state: state)
        self.state.apply(.presented(model.navigation))
    }

    /// Applies a batch from a source; a warning it carries (a missing file, a read error) is
    /// shown in the prompt row.
    /// Keeps the HTTP receiver's latest counts (shown in the sources view).
    public mutating func apply(network summary: NetworkSummary) {
        session.apply(network: summary)
    }

    public mutating func ingest(_ batch: DecodedBatch) {
        let warning = batch.notices.last { $0.level == .warning }
        let events = session.apply(batch)
        state.apply(.ingested(events: events))
        if let warning { state.apply(.notice(warning.message)) }
    }

    /// Applies a UI event; performs the effects on the session (re-baseline, freeze, thaw) and
    /// returns the others for the loop.
    public mutating func send(_ event: DashboardEvent) -> [DashboardEffect] {
        var outside: [DashboardEffect] = []
        for effect in state.apply(event) {
            switch effect {
            case .rebaseline(let model): session.rebaseline(model)
            case .freeze: session.freeze()
            case .thaw: session.thaw()
            case .quit, .replay, .loadTheme, .bell, .notify, .savePreferences: outside.append(effect)
            }
        }
        return outside
    }

    /// Looks for severity changes (the caller does so about once a second); the effects they
    /// ask for (bell, notification) are returned.
    public mutating func checkAlerts() -> [DashboardEffect] {
        let changes = session.checkAlerts()
        return changes.isEmpty ? [] : send(.alerts(changes))
    }

    /// A click at (x, y) of `frame`, as the event for what was drawn there (nothing when it
    /// landed on nothing selectable).
    public mutating func click(x: Int, y: Int, in frame: Frame) -> [DashboardEffect] {
        guard let target = frame.hits.target(x: x, y: y) else { return [] }
        return send(.clicked(target))
    }

    /// Makes the view models anew from the session and the state.
    public mutating func present() {
        model = presenter.present(monitor: session.shownMonitor, ingest: session.shownIngest, alerts: session.alerts, state: state)
        state.apply(.presented(model.navigation))
    }

    /// The frame of the last presentation.
    public func render(_ context: RenderContext) -> Frame {
        DashboardView.render(model, context: context)
    }
}
