import ModelTopCore
import ModelTopText

/// Turns the analytics (a ``FleetMonitor`` and an ``IngestSummary``) and the UI state into the
/// view models of one frame. All statistics the screens show are computed here, once per
/// change, never while drawing.
///
/// The presenter remembers what it derived — per-pane summaries until the pane changes, a
/// model's snapshot and overview row until the model or the window changes (their rates follow
/// the clock), a drill-down until its inputs change — so presenting again after a key press, or
/// after events for a few of many models, costs little. Dropping it changes nothing but speed.
public final class Presenter {
    var paneCache: [Symbol: [Int: PaneSummary]] = [:]
    var fleetKey: Int?
    var snapshots: [Symbol: ModelSnapshot] = [:]
    /// Each model's snapshot, kept while the model and the window do not change.
    var windowSnapshots = WindowSnapshotCache()
    var rowsByModel: [Symbol: ModelRow] = [:]
    /// What each row in ``rowsByModel`` was computed from.
    var rowKeys: [Symbol: RowKey] = [:]
    var modelOrder: [Symbol] = []
    var sortedKey: (version: Int, sort: SortSpec, filter: String)?
    var hiddenCounts: [Severity?: Int] = [:]
    var sorted: [ModelRow] = []
    var featureKey: FeatureKey?
    var feature: FeatureDrillDown?
    /// `--baseline-version`: what the versions view compares the other versions with.
    public var baselineVersion: String?

    public init(baselineVersion: String? = nil) {
        self.baselineVersion = baselineVersion
    }

    /// The view models of a frame.
    /// - Parameters:
    ///   - monitor: the analytics shown (live, or frozen while paused).
    ///   - ingest: the ingest counts shown.
    ///   - alerts: the severity changes seen so far (the timeline).
    ///   - state: the UI state.
    /// - Complexity: O(models) for the overview when nothing changed; after a change, O(models)
    ///   plus O(changed models · features · bins) for their snapshots (all models when the window
    ///   moved) plus O(changed panes · features · bins); a drill-down adds its KS test once.
    public func present(monitor: FleetMonitor, ingest: IngestSummary, alerts: AlertTracker = AlertTracker(),
                        state: DashboardState) -> DashboardModel {
        refresh(monitor)
        let rows = sortedRows(monitor, state: state)
        let current = state.currentModel(in: rows.map(\.model)).flatMap { monitor.model($0) }
        let allSlots = current.map { heatmapSlots($0, symbols: monitor.symbols) } ?? []
        let featureFilter = TextFilter(state.featureFilter)
        // The prediction's row stays whatever the filter.
        let slots = featureFilter.isEmpty ? allSlots : allSlots.filter { $0.slot == -1 || featureFilter.matches($0.name) }
        let body = ScreenLayout(width: state.width, height: state.height, hasPrompt: Self.hasPrompt(state)).body
        var navigation = Navigation(rows: rows.map { row in
                                        // The series' last value is the current pane's, the one before the newest complete pane's.
                                        let series = row.throughputSeries
                                        return .init(model: row.model, name: row.name,
                                                     newestCompletePaneEmpty: series.count >= 2 && (series[series.count - 2] ?? 0) == 0)
                                    },
                                    columns: OverviewScreen.columns(width: body.width - 2, hidden: state.hiddenColumns),
                                    heatmapRows: slots.count, panes: monitor.configuration.panes,
                                    page: ListLayout.visibleRows(state.screen, body: body))
        let content: DashboardModel.Content
        var selectedReason: (String, String, Severity)?
        let position = state.position(in: state.screen)
        switch state.screen {
        case .overview:
            let selected = state.selectedIndex(in: rows.map(\.model))
            content = .overview(OverviewModel(
                rows: rows, selected: selected, sort: state.sort, filter: state.filter, hidden: hiddenCounts,
                hiddenColumns: state.hiddenColumns, waiting: monitor.models.isEmpty, thresholds: monitor.configuration.thresholds,
                historySeconds: Double(monitor.configuration.panes) * monitor.configuration.paneSeconds))
            navigation.page = ListLayout.overviewRows(body: body)
            if let selected, let reason = rows[selected].reason { selectedReason = (rows[selected].name, reason, rows[selected].severity) }
        case .detail:
            content = current.map {
                .detail(detail($0, slots: slots, hiddenRows: allSlots.count - slots.count, monitor: monitor, state: state))
            } ?? .empty
            navigation.page = ListLayout.heatmapRows(body: body)
        case .feature:
            content = current.flatMap { model in
                Self.clamp(state.cursorRow, slots).map { .feature(feature(model, slot: slots[$0], monitor: monitor, state: state)) }
            } ?? .empty
            if case .feature(let f) = content {
                navigation.length = f.bins.count
                navigation.page = ListLayout.binRows(body: body, numeric: f.cdf != nil)
            }
        case .nodes:
            let model = current.map { nodes($0, monitor: monitor, selected: position) }
            navigation.length = model?.rows.count ?? 0
            content = model.map { .nodes($0) } ?? .empty
        case .versions:
            let model = current.map { versions($0, monitor: monitor, first: position) }
            navigation.length = model?.rows.count ?? 0
            content = model.map { .versions($0) } ?? .empty
        case .fleetNodes:
            let model = fleetNodes(monitor: monitor, selected: position)
            navigation.length = model.rows.count
            content = .fleetNodes(model)
        case .help:
            let text = Self.help(width: body.width - 2, first: position)
            navigation.length = text.lines.count
            content = .help(text)
        case .malformed:
            let lines = ingest.malformed.reversed().map {
                MalformedModel.Line(source: Text.clean($0.source), reason: $0.reason.message, text: $0.text)
            }
            navigation.length = lines.count
            content = .malformed(MalformedModel(total: ingest.total.malformed, lines: lines, selected: position))
        case .malformedLine:
            let selected = state.position(in: .malformed)
            let all = Array(ingest.malformed.reversed())
            let text = Self.malformedLine(selected < all.count ? all[selected] : nil, width: body.width - 2, first: position)
            navigation.length = text.lines.count
            content = .malformedLine(text)
        case .sources:
            var model = Self.sources(ingest, symbols: monitor.symbols, clock: monitor.clock, now: state.now,
                                     workers: Array(monitor.workers.values))
            model.first = position
            navigation.length = model.rows.count
            content = .sources(model)
        case .alerts:
            let (model, targets) = alertsModel(alerts, monitor: monitor, selected: position)
            navigation.length = model.entries.count
            navigation.alerts = targets
            content = .alerts(model)
        }
        return DashboardModel(width: state.width, height: state.height,
                              chrome: chrome(monitor: monitor, ingest: ingest, state: state, current: current, slots: slots,
                                             reason: selectedReason),
                              content: content, navigation: navigation)
    }

    /// Whether the frame has a prompt row (the body is a row shorter).
    static func hasPrompt(_ state: DashboardState) -> Bool {
        state.editingFilter || state.confirmRebaseline != nil || state.message != nil
    }

    static func clamp(_ row: Int, _ slots: [(slot: Int, name: String)]) -> Int? {
        slots.isEmpty ? nil : min(max(row, 0), slots.count - 1)
    }

    // MARK: Header, prompt and status bar

    private func chrome(monitor: FleetMonitor, ingest: IngestSummary, state: DashboardState, current: ModelMonitor?,
                        slots: [(slot: Int, name: String)], reason: (String, String, Severity)?) -> ChromeModel {
        var trail = ["fleet"]
        switch state.screen {
        case .detail, .feature, .nodes, .versions:
            if let current {
                trail.append(Text.clean(monitor.symbols.name(current.name)))
                if state.screen == .feature, let row = Self.clamp(state.cursorRow, slots) { trail.append(slots[row].name) }
                if state.screen == .nodes { trail.append("nodes") }
                if state.screen == .versions { trail.append("versions") }
            }
        case .fleetNodes: trail.append("all nodes")
        case .help: trail.append("help")
        case .malformed: trail.append("malformed lines")
        case .malformedLine: trail += ["malformed lines", "line"]
        case .sources: trail.append("inputs")
        case .alerts: trail.append("alerts")
        case .overview: break
        }
        let prompt: ChromeModel.Prompt?
        if let target = state.editing {
            prompt = .filter(Text.clean(target == .models ? state.filter : state.featureFilter), features: target == .features)
        } else if let model = state.confirmRebaseline {
            prompt = .confirmRebaseline(model: Text.clean(monitor.symbols.name(model)))
        } else if let message = state.message {
            prompt = .message(Text.clean(message.text))  // notices name files and config keys
        } else {
            prompt = nil
        }
        var status: [ChromeModel.StatusItem] = []
        if let replay = state.replay { status.append(.replay(speed: replay.speed, paused: replay.paused)) }
        status += [.sources(state.sourceCount), .rate(state.rate.rate(at: state.now)), .malformed(ingest.total.malformed)]
        if state.unreadAlerts > 0 { status.append(.alerts(state.unreadAlerts)) }
        if let network = ingest.network, network.rejected > 0 { status.append(.rejected(network.rejected)) }
        if !ingest.hosts.isEmpty { status.append(.hosts(up: ingest.hosts.filter(\.isUp).count, total: ingest.hosts.count)) }
        if !monitor.workers.isEmpty {
            let workers = monitor.workers.values
            status.append(.workers(live: workers.filter { state.now - $0.wallTime < Self.workerSilence }.count, total: workers.count,
                                   malformed: workers.reduce(0) { $0 + $1.malformed }))
        }
        status.append(.clock(monitor.clock, replay: state.replay != nil))
        if state.paused { status.append(.paused) }
        if let (model, text, severity) = reason { status.append(.reason(model: model, text: text, severity: severity)) }
        status.append(.theme(state.themeName))
        return ChromeModel(trail: trail, paused: state.paused, prompt: prompt, status: status)
    }
}

extension Value {
    /// The symbol of a string value.
    var symbol: Symbol? {
        if case .string(let s) = self { return s }
        return nil
    }
}
