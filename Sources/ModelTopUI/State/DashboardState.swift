import ModelTopCore
import ModelTopText

/// Where the user is and what they asked for: screens, selection, cursor, sort, filter,
/// pause, theme. No data: the presenter reads the monitor and this state to make view models.
///
/// Changed only by ``apply(_:)``, the reducer: a pure function of the state and one event,
/// which returns the effects (re-baseline, freeze, theme, replay) for the loop to perform.
public struct DashboardState: Sendable {
    public private(set) var screens: [Screen] = [.overview]
    /// The model the user selected (the first row when nil or filtered away).
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
    /// What the last presentation showed (for moving the selection).
    public private(set) var navigation = Navigation()

    public init(themes: [String] = ["default"], themeIndex: Int = 0, width: Int, height: Int, sourceCount: Int,
                replay: ReplaySettings? = nil) {
        self.themes = themes.isEmpty ? ["default"] : themes
        self.themeIndex = themeIndex
        self.width = width
        self.height = height
        self.sourceCount = sourceCount
        self.replay = replay
    }

    public var screen: Screen { screens.last ?? .overview }
    public var themeName: String { themes[themeIndex % themes.count] }

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
        if editingFilter {
            editFilter(key)
            return []
        }
        switch key {
        case .character("q"):
            return [.quit]
        case .character("?"):
            if screen != .help { screens.append(.help) }
            return []
        case .character("e"):
            if screen != .malformed { screens.append(.malformed) }
            return []
        case .character("i"):
            if screen != .sources { screens.append(.sources) }
            return []
        case .character("p"):
            paused.toggle()
            say(paused ? "paused: the display is frozen, ingest goes on (p resumes)" : "resumed")
            return [paused ? .freeze : .thaw]
        case .character("t"):
            themeIndex = (themeIndex + 1) % themes.count
            say("theme: \(themeName)")
            return [.loadTheme(themeName)]
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
        case .character(">") where replay != nil:
            replay!.skips += 1
            say("skipping 10 minutes")
            return [.replay(replay!)]
        case .escape, .backspace:
            if screen == .overview {
                if !filter.isEmpty { filter = "" }
            } else {
                screens.removeLast()
            }
            return []
        default:
            break
        }
        switch screen {
        case .overview: return overviewKey(key)
        case .detail: return detailKey(key)
        case .feature: return featureKey(key)
        case .nodes: return modelSwitchKey(key)
        case .help, .malformed, .sources: return []
        }
    }

    private mutating func clicked(_ target: HitTarget) -> [DashboardEffect] {
        switch (target, screen) {
        case (.model(let model), .overview):
            if model == currentModel { return overviewKey(.enter) }
            selectedModel = model
        case (.cell(let row, let back), .detail):
            if row == cursorRow && back == cursorPaneBack { return detailKey(.enter) }
            cursorRow = row
            cursorPaneBack = back
            moveCursor()
        default:
            break
        }
        return []
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
        let rows = navigation.rows.map(\.model)
        guard let current = selectedIndex(in: rows) else { return }
        selectedModel = rows[min(max(current + delta, 0), rows.count - 1)]
    }

    private mutating func overviewKey(_ key: Key) -> [DashboardEffect] {
        switch key {
        case .up, .character("k"), .scrollUp: moveSelection(by: -1)
        case .down, .character("j"), .scrollDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -10)
        case .pageDown: moveSelection(by: 10)
        case .home, .character("g"): moveSelection(by: -Int.max / 2)
        case .end, .character("G"): moveSelection(by: Int.max / 2)
        case .enter:
            guard let model = currentModel else { return [] }
            selectedModel = model
            cursorRow = 0
            cursorPaneBack = min(1, max(navigation.panes - 1, 0))  // the newest complete pane
            screens.append(.detail)
        case .character("s"):
            sort = sort.next
            say("sorted by \(sort.rawValue)")
        case .character("/"):
            editingFilter = true
        case .character("n"):
            guard let model = currentModel else { return [] }
            selectedModel = model
            screens.append(.nodes)
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
        case .character("n") where screen != .nodes: screens.append(.nodes)
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
        switch key {
        case .up, .character("k"), .scrollUp: moveCursor(rows: -1)
        case .down, .character("j"), .scrollDown: moveCursor(rows: 1)
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        case .home: cursorPaneBack = max(navigation.panes - 1, 0)
        case .end: cursorPaneBack = 0
        case .enter:
            guard navigation.heatmapRows > 0 else { return [] }
            drillWindow = false
            screens.append(.feature)
        case .character("m"): metric = metric.other
        default: return modelSwitchKey(key)
        }
        return []
    }

    private mutating func featureKey(_ key: Key) -> [DashboardEffect] {
        switch key {
        case .character("w"): drillWindow.toggle()
        case .up, .character("k"): moveCursor(rows: -1)
        case .down, .character("j"): moveCursor(rows: 1)
        case .left, .character("h"): moveCursor(panes: 1)
        case .right, .character("l"): moveCursor(panes: -1)
        default: return modelSwitchKey(key)
        }
        return []
    }
}
