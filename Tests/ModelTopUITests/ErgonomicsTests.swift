import ModelTopCore
import ModelTopText
import Testing
@testable import ModelTopUI

/// On-call ergonomics (issue 14): sort by any column, filters with regexes and match jumps,
/// the alert timeline, the fleet-wide nodes view, scrolling texts and lists at 80x24.
@Suite struct ErgonomicsTests {
    @Test func sortByAnyColumnWithKeysAndClicks() {
        var dashboard = DashboardFixture.dashboard()
        #expect(dashboard.state.sort == .default)
        #expect(dashboard.render().buffer.lines[2].contains("STATUS\(Glyphs.unicode.down)"))
        dashboard.keys(.character(">"))  // the next column shown: MODEL, ascending
        #expect(dashboard.state.sort == SortSpec(column: .model, descending: false))
        #expect(dashboard.rowNames == ["churn", "fraud", "price"])
        #expect(dashboard.effects.last == .savePreferences(dashboard.state.preferences))
        dashboard.keys(.character("r"))
        #expect(dashboard.rowNames == ["price", "fraud", "churn"])
        dashboard.keys(.character("<"))  // back to STATUS
        #expect(dashboard.state.sort.column == .status)
        // A click on a header sorts by it; a second click reverses.
        dashboard.send(.clicked(.header(.psi)))
        #expect(dashboard.state.sort == SortSpec(column: .psi, descending: true))
        #expect(dashboard.rowNames.first == "fraud")
        #expect(dashboard.render().buffer.lines[2].contains("PSI\(Glyphs.unicode.down)"))
        dashboard.send(.clicked(.header(.psi)))
        #expect(dashboard.state.sort.descending == false)
        #expect(dashboard.rowNames.last == "price")  // no PSI: last either way
        // The header cells are click targets.
        let frame = dashboard.render()
        let psiHeader = frame.buffer.lines[2].range(of: "PSI").map { frame.buffer.lines[2].distance(from: frame.buffer.lines[2].startIndex, to: $0.lowerBound) }
        #expect(psiHeader.flatMap { frame.hits.target(x: $0, y: 2) } == .header(.psi))
    }

    @Test func filtersTakeRegexesAndSayWhatTheyHide() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.character("/"))
        for c in "^(churn|price)$" { dashboard.keys(.character(c)) }
        dashboard.keys(.enter)
        #expect(dashboard.rowNames.sorted() == ["churn", "price"])
        #expect(dashboard.render().buffer.text.contains("(1 ALERT hidden)"))
        // n and N go to the next and previous match.
        let first = dashboard.currentName
        dashboard.keys(.character("n"))
        #expect(dashboard.currentName != first)
        dashboard.keys(.character("N"))
        #expect(dashboard.currentName == first)
        #expect(dashboard.state.screen == .overview)  // not the nodes views while a filter is set
        dashboard.keys(.escape)
        #expect(dashboard.rowNames.count == 3)
        // A plain substring, any case.
        dashboard.keys(.character("/"), .character("F"), .character("R"), .enter)
        #expect(dashboard.rowNames == ["fraud"])
    }

    @Test func featuresFilterInTheDetailView() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter, .character("/"), .character("c"), .character("o"), .character("u"), .enter)
        #expect(dashboard.state.screen == .detail)
        guard case .detail(let detail) = dashboard.model.content else { Issue.record("no detail"); return }
        #expect(detail.rows.map(\.name) == ["country", "score"])  // the prediction's row stays
        #expect(detail.hiddenRows == 1)
        #expect(dashboard.render().buffer.text.contains("filter: cou (1 hidden"))
        dashboard.keys(.escape)  // clears the filter, stays in the view
        #expect(dashboard.state.screen == .detail)
        #expect(dashboard.state.featureFilter.isEmpty)
    }

    @Test func alertTimelineCountsJumpsAndReads() {
        var dashboard = DashboardFixture.dashboard(width: 120, height: 40)
        let changes = dashboard.checkAlerts()
        #expect(!changes.isEmpty)
        #expect(changes.contains { $0.subject == .model && $0.to == .alert })
        #expect(dashboard.render().buffer.text.contains("\(changes.count) new alerts (a)"))
        dashboard.keys(.character("a"))
        #expect(dashboard.state.screen == .alerts)
        #expect(dashboard.state.unreadAlerts == 0)
        let text = dashboard.render().buffer.text
        #expect(text.contains("severity changes, newest first"))
        #expect(text.contains("feature amount"))
        #expect(text.contains("node eu-3"))  // silent for 30 minutes
        // Enter on the feature's change opens the model at that feature and pane.
        guard case .alerts(let model) = dashboard.model.content,
            let index = model.entries.firstIndex(where: { $0.subject == "feature amount" })
        else { Issue.record("no alert for amount"); return }
        for _ in 0..<index { dashboard.keys(.down) }
        dashboard.keys(.enter)
        #expect(dashboard.state.screen == .detail)
        #expect(dashboard.currentName == "fraud")
        guard case .detail(let detail) = dashboard.model.content else { Issue.record("no detail"); return }
        #expect(detail.rows[dashboard.state.cursorRow].name == "amount")
        // The same state again: no new change.
        #expect(dashboard.checkAlerts().isEmpty)
    }

    /// At 80 columns the timeline keeps why each change happened.
    @Test func alertTimelineAt80x24KeepsTheReason() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        _ = dashboard.checkAlerts()
        dashboard.keys(.character("a"))
        let text = dashboard.render().buffer.text
        expectSnapshot(text, named: "screen-alerts-80x24")
        #expect(text.contains("WHY"))
        #expect(text.contains("PSI"))
    }

    /// The detail view opens on the newest complete pane, or on the current one when the model
    /// has nothing in the newest complete pane (its data began in the current pane: a drill-down
    /// there showed "n 0" and dashes in the demo's first minutes).
    @Test func detailOpensOnAPaneWithData() {
        var state = DashboardState(width: 120, height: 40, sourceCount: 1)
        let started = Symbol(rawValue: 1), running = Symbol(rawValue: 2)
        let navigation = Navigation(rows: [.init(model: started, name: "started", newestCompletePaneEmpty: true),
                                           .init(model: running, name: "running")], heatmapRows: 3, panes: 60)
        state.apply(.presented(navigation))
        state.apply(.key(.enter))
        #expect(state.screen == .detail)
        #expect(state.cursorPaneBack == 0)
        state.apply(.key(.escape))
        state.apply(.presented(navigation))
        state.apply(.key(.down))
        state.apply(.key(.enter))
        #expect(state.cursorPaneBack == 1)
    }

    /// The presenter marks a model whose data began in the current pane, and not one with
    /// predictions in the newest complete pane; Enter then opens each on a pane with data.
    @Test func presenterMarksAnEmptyNewestCompletePane() {
        let fixture = DashboardFixture.dashboard()
        #expect(fixture.state.navigation.rows.allSatisfy { !$0.newestCompletePaneEmpty })
        let symbols = SymbolTable()
        let configuration = MonitorConfiguration()
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        var batch = EventBatch()
        let start = configuration.pane(of: DashboardFixture.start).advanced(by: 1)
        for i in 0..<20 {  // 20 predictions in the first seconds of a pane
            batch.append(Event(kind: .prediction, model: symbols.intern("new"), node: symbols.intern("n1"),
                               time: Double(start) * configuration.paneSeconds + Double(i), prediction: .number(1)))
        }
        monitor.apply(batch)
        var dashboard = Dashboard(monitor: monitor, ingest: IngestSummary(), state: DashboardState(width: 120, height: 40, sourceCount: 1))
        #expect(dashboard.state.navigation.rows.map(\.newestCompletePaneEmpty) == [true])
        dashboard.keys(.enter)
        #expect(dashboard.state.cursorPaneBack == 0)
    }

    @Test func bellAndNotificationsOnAlert() {
        var state = DashboardState(width: 120, height: 40, sourceCount: 1, settings: .init(bell: true, notify: true))
        let change = AlertChange(model: Symbol(rawValue: 1), subject: .model, from: .warn, to: .alert, reason: nil, time: 0, pane: 0)
        #expect(state.apply(.alerts([change])) == [.bell, .notify([change])])
        let warn = AlertChange(model: Symbol(rawValue: 1), subject: .model, from: .ok, to: .warn, reason: nil, time: 0, pane: 0)
        #expect(state.apply(.alerts([warn])) == [.notify([warn])])
        #expect(state.unreadAlerts == 2)
    }

    @Test func nodesKeepTheirFlagsAt80Columns() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        dashboard.keys(.character("n"))
        let text = dashboard.render().buffer.text
        expectSnapshot(text, named: "screen-nodes-80x24")
        #expect(text.contains("SLOW") && text.contains("SILENT"))
        dashboard.keys(.escape, .character("N"))
        #expect(dashboard.state.screen == .fleetNodes)
        let fleet = dashboard.render().buffer.text
        expectSnapshot(fleet, named: "screen-fleet-nodes-80x24")
        #expect(fleet.contains("eu-3") && fleet.contains("SILENT"))
        #expect(fleet.contains("us-1"))
    }

    @Test func helpAt80x24IsWrappedNeverCutAndScrolls() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        dashboard.keys(.function(1))
        #expect(dashboard.state.screen == .help)
        guard case .help(let help) = dashboard.model.content else { Issue.record("no help"); return }
        // Wrapped between words: each entry's lines join back into its text.
        for entry in KeyMap.entries {
            let start = help.lines.firstIndex { $0.key == entry.keys }!
            var joined = help.lines[start].text
            var i = start + 1
            while i < help.lines.count, help.lines[i].key.isEmpty, help.lines[i].kind == .plain, !help.lines[i].text.isEmpty {
                joined += " " + help.lines[i].text
                i += 1
            }
            #expect(joined == entry.action)
        }
        let first = dashboard.render().buffer
        #expect(first.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(first.text.contains("\(Glyphs.unicode.down) "))  // more below
        dashboard.keys(.end)
        let last = dashboard.render().buffer.text
        #expect(last.contains("config.toml"))
        #expect(last.contains("\(Glyphs.unicode.up) "))
        dashboard.keys(.home)
        #expect(dashboard.state.position(in: .help) == 0)
        dashboard.keys(.function(10))
        #expect(dashboard.effects.last == .quit)
    }

    @Test func malformedLinesOpenWhole() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        dashboard.keys(.character("e"), .down, .enter)
        #expect(dashboard.state.screen == .malformedLine)
        let text = dashboard.render().buffer.text
        #expect(text.contains("reason"))
        #expect(text.contains("no string 'model'"))
        #expect(text.contains(#"{"prediction":1}"#))
        dashboard.keys(.escape)
        #expect(dashboard.state.screen == .malformed)
    }

    @Test func drillDownShowsEveryBinAndKSSaysNotApplicable() {
        var dashboard = DashboardFixture.dashboard(width: 80, height: 24)
        dashboard.keys(.enter, .enter)
        #expect(dashboard.state.screen == .feature)
        dashboard.keys(.end)
        let text = dashboard.render().buffer.text
        #expect(text.contains(">140"))  // the tail bin, where drift usually is
        dashboard.keys(.escape, .character("m"))
        guard case .detail(let detail) = dashboard.model.content else { Issue.record("no detail"); return }
        let country = detail.rows.first { $0.name == "country" }!
        #expect(country.values.contains(.notApplicable))
        #expect(!country.values.dropLast().contains(.empty))  // not blank: blank is no data
    }

    @Test func breadcrumbHasNoRowMarker() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter, .up, .enter)  // the prediction's row is last: wraps to it from the top? no: clamps
        dashboard.keys(.escape)
        for _ in 0..<5 { dashboard.keys(.down) }
        dashboard.keys(.enter)
        let header = dashboard.render().buffer.lines[0]
        #expect(header.contains("score"))
        #expect(!header.contains(Glyphs.unicode.pointer))
    }
}
