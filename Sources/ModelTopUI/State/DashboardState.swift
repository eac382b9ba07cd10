import ModelTopCore
import ModelTopIngest

/// Everything the dashboard shows and where the user is. Changed only by ``apply(_:)``.
public struct DashboardState: Sendable {
    /// The analytics (live); while paused the views show ``frozen`` instead.
    public private(set) var monitor: FleetMonitor
    public private(set) var ingest = IngestSummary()
    /// The monitor and counts as they were when the display was paused.
    public private(set) var frozen: (monitor: FleetMonitor, ingest: IngestSummary)?
    public private(set) var screens: [Screen] = [.overview]
    /// The model the views are about.
    public private(set) var selectedModel: Symbol?
    public private(set) var sort = SortOrder.severity
    public private(set) var filter = ""
    public private(set) var editingFilter = false
    /// The heatmap cursor: a feature row (the prediction is the last row) and a pane, counted
    /// back from the newest (0).
    public private(set) var cursorRow = 0
    public private(set) var cursorPaneBack = 0
    public private(set) var metric = HeatMetric.psi
    /// In the drill-down: the cursor's pane, or the whole current window.
    public private(set) var drillWindow = false
    /// A re-baseline waiting for y/n.
    public private(set) var confirmRebaseline: Symbol?
    public private(set) var themeIndex = 0
    public let themes: [String]
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var quit = false
    /// The UI clock (wall time).
    public private(set) var now: Double = 0
    public private(set) var message: (text: String, until: Double)?
    public private(set) var rate = RateMeter()
    /// Files and streams being read.
    public var sourceCount: Int
    /// A replay's speed, pause and skips (nil when following live logs); the loop passes it on
    /// to the replay.
    public private(set) var replay: ReplayControl.Request?
    /// Memo of derived view data.
    public let cache = ViewCache()

    public init(monitor: FleetMonitor, themes: [String] = ["default"], themeIndex: Int = 0, width: Int, height: Int,
                sourceCount: Int, replay: ReplayControl.Request? = nil) {
        self.monitor = monitor
        self.replay = replay
        self.themes = themes
        self.themeIndex = themeIndex
        self.width = width
        self.height = height
        self.sourceCount = sourceCount
    }

    public var screen: Screen { screens.last ?? .overview }
    public var paused: Bool { frozen != nil }
    /// The monitor the views show.
    public var shown: FleetMonitor { frozen?.monitor ?? monitor }
    public var shownIngest: IngestSummary { frozen?.ingest ?? ingest }
    public var themeName: String { themes[themeIndex % themes.count] }

    /// The overview's rows: filtered and sorted (memoized until the data, sort or filter change).
    public var rows: [ModelRow] {
        cache.sortedRows(shown, frozen: paused, sort: sort, filter: filter)
    }

    /// The index of the selected model in ``rows`` (the first row when none is selected).
    public var selectedRow: Int? {
        let rows = self.rows
        guard !rows.isEmpty else { return nil }
        return rows.firstIndex { $0.model == selectedModel } ?? 0
    }

    /// The selected model's monitor.
    public var model: ModelMonitor? {
        let rows = self.rows
        guard let i = selectedRow else { return nil }
        return shown.model(rows[i].model)
    }

    /// Heatmap rows: the model's features by name, then the prediction.
    public func heatmapSlots(_ model: ModelMonitor) -> [(slot: Int, name: String)] {
        let symbols = shown.symbols
        var slots = model.featureNames.enumerated().map { ($0.offset, Text.clean(symbols.name($0.element))) }
        slots.sort { $0.1 < $1.1 }
        let prediction = model.reference?.usesScore == true ? "score" : "prediction"
        return slots + [(-1, "▸ " + prediction)]
    }

    // MARK: The reducer

    /// Applies one event.
    public mutating func apply(_ event: DashboardEvent) {
        switch event {
        case .batch(let batch):
            ingest.apply(batch)
            monitor.apply(batch.events)
            rate.add(batch.events.events.count, at: now)
        case .tick(let time):
            now = time
            if let m = message, m.until <= time { message = nil }
        case .resize(let w, let h):
            width = w
            height = h
        case .key(let key):
            handle(key)
        case .notice(let text):
            say(text)
        }
    }

    private mutating func say(_ text: String) {
        message = (text, now + 4)
    }

    private mutating func handle(_ key: Key) {
        if let model = confirmRebaseline {
            if key == .character("y") || key == .character("Y") {
                monitor.rebaseline(model)
                if frozen != nil { frozen = (monitor, ingest) }
                say("re-baselined \(Text.clean(monitor.symbols.name(model))) to its current window")
            } else {
                say("re-baseline cancelled")
            }
            confirmRebaseline = nil
            return
        }
        if editingFilter {
            editFilter(key)
            return
        }
        switch key {
        case .character("q"):
            quit = true
            return
        case .character("?"):
            if screen != .help { screens.append(.help) }
            return
        case .character("e"):
            if screen != .malformed { screens.append(.malformed) }
            return
        case .character("p"):
            frozen = frozen == nil ? (monitor, ingest) : nil
            say(paused ? "paused: the display is frozen, ingest goes on (p resumes)" : "resumed")
            return
        case .character("t"):
            themeIndex = (themeIndex + 1) % max(themes.count, 1)
            say("theme: \(themeName)")
            return
        case .character(" ") where replay != nil:
            replay!.paused.toggle()
            say(replay!.paused ? "replay paused (space resumes)" : "replay resumed")
            return
        case .character("+") where replay != nil, .character("=") where replay != nil:
            replay!.speed = min(replay!.speed * 2, 86_400)
            say("replay speed ×\(NumberFormatting.shortest(replay!.speed))")
            return
        case .character("-") where replay != nil:
            replay!.speed = max(replay!.speed / 2, 0.25)
            say("replay speed ×\(NumberFormatting.shortest(replay!.speed))")
            return
        case .character(">") where replay != nil:
            replay!.skips += 1
            say("skipping 10 minutes")
            return
        case .escape, .backspace:
            if screen == .overview {
                if !filter.isEmpty { filter = "" }
            } else {
                screens.removeLast()
            }
            return
        default:
            break
        }
        switch screen {
        case .overview: overviewKey(key)
        case .detail: detailKey(key)
        case .feature: featureKey(key)
        case .nodes: modelSwitchKey(key)
        case .help, .malformed: break
        }
    }

    private mutating func editFilter(_ key: Key) {
        switch key {
        case .enter: editingFilter = false
        case .escape:
            filter = ""
            editingFilter = false
        case .backspace: if !filter.isEmpty { filter.removeLast() }
        case .character(let c) where !c.isNewline: filter.append(c)
        default: break
        }
    }

    private mutating func moveSelection(by delta: Int) {
        let rows = self.rows
        guard !rows.isEmpty else { return }
        let current = selectedRow ?? 0
        selectedModel = rows[min(max(current + delta, 0), rows.count - 1)].model
    }

    private mutating func overviewKey(_ key: Key) {
        switch key {
        case .up, .character("k"), .scrollUp: moveSelection(by: -1)
        case .down, .character("j"), .scrollDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -10)
        case .pageDown: moveSelection(by: 10)
        case .home, .character("g"): moveSelection(by: -Int.max / 2)
        case .end, .character("G"): moveSelection(by: Int.max / 2)
        case .enter:
            guard let i = selectedRow else { return }
            selectedModel = rows[i].model
            cursorRow = 0
            cursorPaneBack = 0
            screens.append(.detail)
        case .character("s"):
            sort = sort.next
            say("sorted by \(sort.rawValue)")
        case .character("/"):
            editingFilter = true
        case .character("n"):
            guard let i = selectedRow else { return }
            selectedModel = rows[i].model
            screens.append(.nodes)
        case .character("b"):
            requestRebaseline()
        case .click(_, let y):
            let index = OverviewLayout.row(at: y, state: self)
            let rows = self.rows
            if let index, index < rows.count {
                if rows[index].model == selectedModel { overviewKey(.enter) } else { selectedModel = rows[index].model }
            }
        default: break
        }
    }

    private mutating func requestRebaseline() {
        guard let model = model?.name ?? rows.first?.model else { return }
        selectedModel = model
        confirmRebaseline = model
    }

    /// Tab, Shift-Tab, ] and [ go to the next or previous model without leaving the view.
    private mutating func modelSwitchKey(_ key: Key) {
        switch key {
        case .tab, .character("]"): moveSelection(by: 1)
        case .backTab, .character("["): moveSelection(by: -1)
        case .character("n") where screen != .nodes: screens.append(.nodes)
        case .character("b"): requestRebaseline()
        default: return
        }
        moveCursor()  // the new model may have fewer rows
    }

    private var heatmapRowCount: Int { model.map { heatmapSlots($0).count } ?? 0 }

    /// Moves the heatmap cursor by `rows` and `panes` (older is positive), inside the heatmap.
    private mutating func moveCursor(rows: Int = 0, panes: Int = 0) {
        cursorRow = min(max(cursorRow + rows, 0), max(heatmapRowCount - 1, 0))
        cursorPaneBack = min(max(cursorPaneBack + panes, 0), shown.configuration.panes - 1)
    }

    private mutating func detailKey(_ key: Key) {
        switch key {
        case .up, .character("k"), .scrollUp: moveCursor(rows: -1)
        case .down, .character("j"), .scrollDown: moveCursor(rows: 1)
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        case .home: cursorPaneBack = shown.configuration.panes - 1
        case .end: cursorPaneBack = 0
        case .enter:
            guard heatmapRowCount > 0 else { return }
            drillWindow = false
            screens.append(.feature)
        case .character("m"): metric = metric == .psi ? .ks : .psi
        case .click(let x, let y):
            if let (row, back) = DetailLayout.cell(at: x, y: y, state: self) {
                if row == cursorRow && back == cursorPaneBack {
                    detailKey(.enter)
                } else {
                    cursorRow = row
                    cursorPaneBack = back
                }
            }
        default: modelSwitchKey(key)
        }
    }

    private mutating func featureKey(_ key: Key) {
        switch key {
        case .character("w"): drillWindow.toggle()
        case .up, .character("k"): moveCursor(rows: -1)
        case .down, .character("j"): moveCursor(rows: 1)
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        default: modelSwitchKey(key)
        }
    }
}
