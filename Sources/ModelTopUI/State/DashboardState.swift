import ModelTopCore
import ModelTopText

/// Where the user is and what they asked for: screens, selection, cursor, sort, filters,
/// positions in lists, pause, theme, unread alerts. No data: the presenter reads the monitor
/// and this state to make view models.
///
/// Changed only by ``apply(_:)``, the reducer: a pure function of the state and one event,
/// which returns the effects (re-baseline, freeze, theme, replay, bell, notifications,
/// preferences) for the loop to perform.
public struct DashboardState: Sendable {
    /// What `/` is editing.
    public enum FilterTarget: Sendable, Equatable {
        case models
        case features
    }

    /// Choices made at start (`--bell`, `--on-alert`).
    public struct Settings: Sendable, Equatable {
        public var bell = false
        public var notify = false

        public init(bell: Bool = false, notify: Bool = false) {
            self.bell = bell
            self.notify = notify
        }
    }

    public private(set) var screens: [Screen] = [.overview]
    /// The model the user selected (the first row when nil or filtered away).
    public private(set) var selectedModel: Symbol?
    public private(set) var sort = SortSpec.default
    /// Overview columns not shown (preferences).
    public private(set) var hiddenColumns: [OverviewColumn] = []
    /// `/` on the overview (models) and in the detail view (features).
    public private(set) var filter = ""
    public private(set) var featureFilter = ""
    public private(set) var editing: FilterTarget?
    /// The heatmap cursor: a feature row (the prediction is the last row) and a pane, counted
    /// back from the newest (0).
    public private(set) var cursorRow = 0
    public private(set) var cursorPaneBack = 0
    public private(set) var metric = HeatMetric.psi
    /// In the drill-down: the cursor's pane, or the whole current window.
    public private(set) var drillWindow = false
    /// The drill-down's first bin shown (PgUp/PgDn).
    public private(set) var binScroll = 0
    /// Per list or text screen: its selected row or first line.
    public private(set) var positions: [Screen: Int] = [:]
    /// A re-baseline waiting for y/n.
    public private(set) var confirmRebaseline: Symbol?
    /// True while the display is frozen (`p`).
    public private(set) var paused = false
    public private(set) var themeIndex = 0
    public let themes: [String]
    public private(set) var width: Int
    public private(set) var height: Int
    /// The UI clock (wall time).
    public private(set) var now: Double = 0
    public private(set) var message: (text: String, until: Double)?
    public private(set) var rate = RateMeter()
    /// Files and streams being read.
    public let sourceCount: Int
    /// A replay's speed, pause and skips (nil when following live logs).
    public private(set) var replay: ReplaySettings?
    /// Severity changes not seen in the timeline yet.
    public private(set) var unreadAlerts = 0
    public let settings: Settings
    /// What the last presentation showed (for moving through it).
    public private(set) var navigation = Navigation()

    public init(themes: [String] = ["default"], themeIndex: Int = 0, width: Int, height: Int, sourceCount: Int,
                replay: ReplaySettings? = nil, preferences: Preferences = Preferences(), settings: Settings = Settings()) {
        self.themes = themes.isEmpty ? ["default"] : themes
        self.themeIndex = themeIndex
        self.width = width
        self.height = height
        self.sourceCount = sourceCount
        self.replay = replay
        self.settings = settings
        if let sort = preferences.sort { self.sort = sort }
        hiddenColumns = preferences.hiddenColumns
    }

    public var screen: Screen { screens.last ?? .overview }
    public var themeName: String { themes[themeIndex % themes.count] }
    public var editingFilter: Bool { editing != nil }

    /// The choices worth keeping for the next run.
    public var preferences: Preferences {
        Preferences(theme: themeName, sort: sort, hiddenColumns: hiddenColumns)
    }

    /// The position (selected row or first line) in `screen`, inside its length.
    public func position(in screen: Screen) -> Int {
        positions[screen] ?? 0
    }

    /// The index of the selected model among `rows` (the first row when none is selected).
    public func selectedIndex(in rows: [Symbol]) -> Int? {
        guard !rows.isEmpty else { return nil }
        return rows.firstIndex { $0 == selectedModel } ?? 0
    }

    /// The model the detail, drill-down and nodes views are about, among `rows` (shown order).
    public func currentModel(in rows: [Symbol]) -> Symbol? {
        selectedIndex(in: rows).map { rows[$0] }
    }

    /// The model the views are about, in the last presentation.
    public var currentModel: Symbol? { currentModel(in: navigation.rows.map(\.model)) }

    // MARK: The reducer

    /// Applies one event; returns what the loop must do.
    /// - Complexity: O(rows) at most.
    @discardableResult
    public mutating func apply(_ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .tick(let time):
            now = time
            if let m = message, m.until <= time { message = nil }
        case .ingested(let events):
            rate.add(events, at: now)
        case .resize(let w, let h):
            width = w
            height = h
        case .key(let key):
            return handle(key)
        case .clicked(let target):
            return clicked(target)
        case .notice(let text):
            say(text)
        case .presented(let navigation):
            self.navigation = navigation
            moveCursor()
            clampPosition()
        case .alerts(let changes):
            return alerts(changes)
        }
        return []
    }

    /// A replay speed as the status line shows it: `x120`, `x0.25`, `max`.
    static func speedText(_ speed: Double) -> String {
        speed.isInfinite ? "max" : "x\(Format.shortest(speed))"
    }

    private mutating func say(_ text: String) {
        message = (text, now + 4)
    }

    private func name(_ model: Symbol) -> String {
        navigation.rows.first { $0.model == model }?.name ?? "the model"
    }

    private mutating func alerts(_ changes: [AlertChange]) -> [DashboardEffect] {
        guard !changes.isEmpty else { return [] }
        if screen != .alerts { unreadAlerts += changes.count }
        var effects: [DashboardEffect] = []
        if settings.bell && changes.contains(where: { $0.to == .alert }) { effects.append(.bell) }
        if settings.notify { effects.append(.notify(changes)) }
        return effects
    }

    private mutating func push(_ next: Screen) {
        guard screen != next else { return }
        screens.append(next)
        if next == .alerts {
            unreadAlerts = 0
            positions[.alerts] = 0  // the newest first
        }
    }

    private mutating func handle(_ key: Key) -> [DashboardEffect] {
        if let model = confirmRebaseline {
            confirmRebaseline = nil
            if key == .character("y") || key == .character("Y") {
                say("re-baselined \(name(model)) to its current window")
                return [.rebaseline(model)]
            }
            say("re-baseline cancelled")
            return []
        }
        if let target = editing {
            editFilter(key, target)
            return []
        }
        switch key {
        case .character("q"), .function(10):
            return [.quit]
        case .character("?"), .function(1):
            push(.help)
            return []
        case .character("e"):
            push(.malformed)
            return []
        case .character("i"):
            push(.sources)
            return []
        case .character("a"):
            push(.alerts)
            return []
        case .character("N") where !hasMatches:
            push(.fleetNodes)
            return []
        case .character("p"):
            paused.toggle()
            say(paused ? "paused: the display is frozen, ingest goes on (p resumes)" : "resumed")
            return [paused ? .freeze : .thaw]
        case .character("t"):
            themeIndex = (themeIndex + 1) % themes.count
            say("theme: \(themeName)")
            return [.loadTheme(themeName), .savePreferences(preferences)]
        case .character(" ") where replay != nil:
            replay!.paused.toggle()
            say(replay!.paused ? "replay paused (space resumes)" : "replay resumed")
            return [.replay(replay!)]
        case .character("+") where replay != nil, .character("=") where replay != nil:
            // Doubles up to a day per second; a faster start (--speed 1e6, max) is kept.
            replay!.speed = max(replay!.speed, min(replay!.speed * 2, 86_400))
            say("replay speed \(Self.speedText(replay!.speed))")
            return [.replay(replay!)]
        case .character("-") where replay != nil:
            replay!.speed = replay!.speed.isInfinite ? 86_400 : max(replay!.speed / 2, 0.25)
            say("replay speed \(Self.speedText(replay!.speed))")
            return [.replay(replay!)]
        case .character("f") where replay != nil:
            replay!.skips += 1
            say("skipping 10 minutes")
            return [.replay(replay!)]
        case .escape, .backspace:
            back()
            return []
        default:
            break
        }
        switch screen {
        case .overview: return overviewKey(key)
        case .detail: return detailKey(key)
        case .feature: return featureKey(key)
        case .nodes, .versions: return listKey(key) ? [] : modelSwitchKey(key)
        case .malformed:
            if key == .enter, navigation.length > 0 {
                positions[.malformedLine] = 0
                push(.malformedLine)
                return []
            }
            _ = listKey(key)
            return []
        case .alerts:
            if key == .enter { jumpToAlert(position(in: .alerts)) }
            else { _ = listKey(key) }
            return []
        case .fleetNodes, .help, .sources, .malformedLine:
            _ = listKey(key)
            return []
        }
    }

    /// Esc and Backspace: clear the filter of this view, or go back.
    private mutating func back() {
        switch screen {
        case .overview:
            filter = ""
        case .detail where !featureFilter.isEmpty:
            featureFilter = ""
        default:
            screens.removeLast()
        }
    }

    /// Whether `n` and `N` move between matches of a filter here (else they open node views).
    private var hasMatches: Bool {
        (screen == .overview && !filter.isEmpty) || (screen == .detail && !featureFilter.isEmpty)
    }

    private mutating func clicked(_ target: HitTarget) -> [DashboardEffect] {
        switch (target, screen) {
        case (.model(let model), .overview):
            if model == currentModel { return overviewKey(.enter) }
            selectedModel = model
        case (.header(let column), .overview):
            return sortBy(sort.selecting(column))
        case (.cell(let row, let back), .detail):
            if row == cursorRow && back == cursorPaneBack { return detailKey(.enter) }
            cursorRow = row
            cursorPaneBack = back
            moveCursor()
        case (.listRow(let row), let s) where s.selects:
            if positions[s] == row, s == .alerts || s == .malformed { return handle(.enter) }
            positions[s] = row
        default:
            break
        }
        return []
    }

    private mutating func editFilter(_ key: Key, _ target: FilterTarget) {
        var text = target == .models ? filter : featureFilter
        switch key {
        case .enter: editing = nil
        case .escape:
            text = ""
            editing = nil
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .character(let c) where !c.isNewline: text.append(c)
        default: break
        }
        if target == .models { filter = text } else { featureFilter = text }
    }

    /// Moves the position of a list or text by a key; false when the key is not a move.
    private mutating func listKey(_ key: Key) -> Bool {
        let page = max(navigation.page - 1, 1)
        switch key {
        case .up, .character("k"), .scrollUp: movePosition(by: -1)
        case .down, .character("j"), .scrollDown: movePosition(by: 1)
        case .pageUp: movePosition(by: -page)
        case .pageDown: movePosition(by: page)
        case .home, .character("g"): movePosition(by: -Int.max / 2)
        case .end, .character("G"): movePosition(by: Int.max / 2)
        default: return false
        }
        return true
    }

    private mutating func movePosition(by delta: Int) {
        positions[screen] = position(in: screen) + delta
        clampPosition()
    }

    /// Keeps the current screen's position inside its list (a text stops with its last page
    /// shown).
    private mutating func clampPosition() {
        guard screen.scrolls else { return }
        let last = screen.selects ? navigation.length - 1 : navigation.length - navigation.page
        positions[screen] = min(max(position(in: screen), 0), max(last, 0))
    }

    private mutating func moveSelection(by delta: Int) {
        let rows = navigation.rows.map(\.model)
        guard let current = selectedIndex(in: rows) else { return }
        selectedModel = rows[min(max(current + delta, 0), rows.count - 1)]
    }

    private mutating func sortBy(_ next: SortSpec) -> [DashboardEffect] {
        sort = next
        say("sorted by \(sort.column.title) \(sort.descending ? "descending" : "ascending") (< > column, r reverses)")
        return [.savePreferences(preferences)]
    }

    /// The column before or after the sort column, among those shown.
    private func neighbourColumn(_ step: Int) -> OverviewColumn {
        let columns = navigation.columns.isEmpty ? OverviewColumn.allCases : navigation.columns
        let index = columns.firstIndex(of: sort.column) ?? 0
        return columns[(index + step + columns.count) % columns.count]
    }

    private mutating func overviewKey(_ key: Key) -> [DashboardEffect] {
        switch key {
        case .up, .character("k"), .scrollUp: moveSelection(by: -1)
        case .down, .character("j"), .scrollDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -max(navigation.page - 1, 1))
        case .pageDown: moveSelection(by: max(navigation.page - 1, 1))
        case .home, .character("g"): moveSelection(by: -Int.max / 2)
        case .end, .character("G"): moveSelection(by: Int.max / 2)
        case .enter:
            guard let model = currentModel else { return [] }
            selectedModel = model
            cursorRow = 0
            // The newest complete pane, or the current one while the model has nothing before it.
            let empty = navigation.rows.first { $0.model == model }?.newestCompletePaneEmpty == true
            cursorPaneBack = empty ? 0 : min(1, max(navigation.panes - 1, 0))
            push(.detail)
        case .character(">"), .character("s"):
            return sortBy(SortSpec(column: neighbourColumn(1), descending: neighbourColumn(1).descendingFirst))
        case .character("<"):
            return sortBy(SortSpec(column: neighbourColumn(-1), descending: neighbourColumn(-1).descendingFirst))
        case .character("r"):
            return sortBy(SortSpec(column: sort.column, descending: !sort.descending))
        case .character("/"):
            editing = .models
        case .character("n") where hasMatches: moveSelection(by: 1)
        case .character("N") where hasMatches: moveSelection(by: -1)
        case .character("n"):
            guard let model = currentModel else { return [] }
            selectedModel = model
            push(.nodes)
        case .character("b"):
            requestRebaseline()
        default: break
        }
        return []
    }

    private mutating func requestRebaseline() {
        guard let model = currentModel else { return }
        selectedModel = model
        confirmRebaseline = model
    }

    /// Tab, Shift-Tab, ] and [ go to the next or previous model without leaving the view.
    private mutating func modelSwitchKey(_ key: Key) -> [DashboardEffect] {
        switch key {
        case .tab, .character("]"): moveSelection(by: 1)
        case .backTab, .character("["): moveSelection(by: -1)
        case .character("n") where screen != .nodes: push(.nodes)
        case .character("b"): requestRebaseline()
        default: return []
        }
        moveCursor()  // the new model may have fewer rows
        return []
    }

    /// Moves the heatmap cursor by `rows` and `panes` (older is positive), inside the heatmap.
    private mutating func moveCursor(rows: Int = 0, panes: Int = 0) {
        cursorRow = min(max(cursorRow + rows, 0), max(navigation.heatmapRows - 1, 0))
        cursorPaneBack = min(max(cursorPaneBack + panes, 0), max(navigation.panes - 1, 0))
    }

    private mutating func detailKey(_ key: Key) -> [DashboardEffect] {
        let page = max(navigation.page - 1, 1)
        switch key {
        case .up, .character("k"), .scrollUp: moveCursor(rows: -1)
        case .down, .character("j"), .scrollDown: moveCursor(rows: 1)
        case .pageUp: moveCursor(rows: -page)
        case .pageDown: moveCursor(rows: page)
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        case .home: cursorPaneBack = max(navigation.panes - 1, 0)
        case .end: cursorPaneBack = 0
        case .enter:
            guard navigation.heatmapRows > 0 else { return [] }
            drillWindow = false
            binScroll = 0
            push(.feature)
        case .character("m"): metric = metric.other
        case .character("v"): push(.versions)
        case .character("/"):
            editing = .features
            cursorRow = 0
        case .character("n") where hasMatches: moveCursor(rows: 1)
        case .character("N") where hasMatches: moveCursor(rows: -1)
        default: return modelSwitchKey(key)
        }
        return []
    }

    private mutating func featureKey(_ key: Key) -> [DashboardEffect] {
        switch key {
        case .character("w"): drillWindow.toggle()
        case .up, .character("k"):
            moveCursor(rows: -1)
            binScroll = 0
        case .down, .character("j"):
            moveCursor(rows: 1)
            binScroll = 0
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        case .pageDown: binScroll = min(binScroll + max(navigation.page - 1, 1), max(navigation.length - navigation.page, 0))
        case .pageUp: binScroll = max(binScroll - max(navigation.page - 1, 1), 0)
        case .home: binScroll = 0
        case .end: binScroll = max(navigation.length - navigation.page, 0)
        default: return modelSwitchKey(key)
        }
        return []
    }

    /// Enter on the alert timeline: the alert's model, its feature's row and its pane.
    private mutating func jumpToAlert(_ index: Int) {
        guard index >= 0, index < navigation.alerts.count else { return }
        let target = navigation.alerts[index]
        selectedModel = target.model
        filter = ""
        featureFilter = ""
        cursorRow = target.heatmapRow ?? 0
        cursorPaneBack = max(target.paneBack, 0)
        screens = [.overview, .detail]
    }
}
