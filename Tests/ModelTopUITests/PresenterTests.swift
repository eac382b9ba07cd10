import ModelTopCore
import Testing
@testable import ModelTopUI

/// The presenter on the fixture fleet: view models carry the numbers, and presenting again
/// reuses what did not change.
@Suite struct PresenterTests {
    @Test func overviewRowsCarryTheNumbers() throws {
        let dashboard = DashboardFixture.dashboard()
        guard case .overview(let overview) = dashboard.model.content else {
            Issue.record("not the overview")
            return
        }
        let fraud = try #require(overview.rows.first)
        #expect(fraud.name == "fraud")
        #expect(fraud.severity == .alert)
        #expect(fraud.worst?.name == "amount")
        #expect(fraud.worst?.judged == true)
        #expect(fraud.reasons.first?.hasPrefix("PSI 8.28 on amount") == true)
        #expect(fraud.versions == ["v7"])
        #expect(fraud.throughputSeries.count == 60)
        #expect(overview.counts[.alert] == 1)
        #expect(dashboard.model.navigation.rows.map(\.name) == ["fraud", "churn", "price"])
        // Accuracy on enough labels is judged; price's MAE has no label yet: dimmed, not judged.
        #expect(overview.rows.map(\.accuracyJudged) == [true, true, false])
    }

    /// The model line says when its realized accuracy is on too few labels to be judged.
    @Test func detailOutcomesSayWhatIsNotJudged() throws {
        for (minimum, judged) in [(80, true), (100_000, false)] {
            var dashboard = DashboardFixture.dashboard(minimumSamples: minimum)
            dashboard.keys(.enter)
            guard case .detail(let detail) = dashboard.model.content else {
                Issue.record("not the detail view")
                return
            }
            let accuracy = try #require(detail.outcomes.first { $0.hasPrefix("accuracy ") })
            #expect(accuracy.hasSuffix("(not judged: 100000 labels needed)") == !judged, "\(accuracy)")
        }
    }

    @Test func detailAndDrillDownModels() throws {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter)
        guard case .detail(let detail) = dashboard.model.content else {
            Issue.record("not the detail view")
            return
        }
        #expect(detail.rows.map(\.name) == ["amount", "country", "score"])
        #expect(detail.rows.last?.isPrediction == true)
        #expect(detail.rows.allSatisfy { $0.values.count == 60 })
        let cell = try #require(detail.cursorCell)
        #expect(cell.name == "amount")
        #expect(!cell.inProgress)  // the cursor starts on the newest complete pane
        #expect(detail.cursorPaneBack == 1)
        let values = detail.rows[0].values
        #expect(cell.values >= cell.minimum ? values[values.count - 2] == .value(cell.psi!) : values[values.count - 2] == .tooFew)
        #expect(cell.ks == nil)  // KS D only while the heatmap shows it
        dashboard.keys(.character("m"))
        guard case .detail(let ks) = dashboard.model.content else { return }
        #expect(ks.cursorCell?.ks != nil)
        dashboard.keys(.enter)
        guard case .feature(let feature) = dashboard.model.content else {
            Issue.record("not the drill-down")
            return
        }
        #expect(feature.kind == .numeric)
        #expect(feature.stats.map(\.label) == ["PSI", "KS D", "p", "missing", "mean", "std", "ref mean", "ref std", "n"])
        #expect(feature.stats[0].level == .alert)
        #expect(feature.bins.count == 10)
        #expect(feature.cdf?.reference.count == 3000)
        #expect(feature.cdf.map { zip($0.current, $0.current.dropFirst()).allSatisfy { $0 <= $1 } } == true)  // sorted
    }

    /// A second presentation of unchanged data costs no statistics: the same snapshots come back.
    /// A presenter kept across changes shows what a fresh one shows: the fixture's events a few
    /// hundred at a time (all models change, the window slides), each step followed by one
    /// model's metric (the others keep their rows, their rates at the moved clock), and a
    /// re-baseline; overview rows and the detail view compared as text.
    @Test func aKeptPresenterShowsWhatAFreshOneShows() throws {
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 3000
        configuration.thresholds.minimumSamples = 80
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        let events = DashboardFixture.batch(symbols: symbols)
        let ingest = DashboardFixture.ingest(events: events.events.count, symbols: symbols)
        var overview = DashboardState(width: 160, height: 40, sourceCount: 1)
        overview.apply(.tick(DashboardFixture.start))
        var detail = overview
        detail.apply(.key(.enter))
        let kept = Presenter()
        var compared = 0
        func compare(_ step: String) {
            for state in [overview, detail] {
                let warm = kept.present(monitor: monitor, ingest: ingest, state: state)
                let cold = Presenter().present(monitor: monitor, ingest: ingest, state: state)
                #expect(String(describing: warm.content) == String(describing: cold.content), "\(step)")
                compared += 1
            }
        }
        var step = 0
        while step < events.events.count {
            var part = EventBatch()
            for event in events.events[step..<min(step + 700, events.events.count)] {
                part.append(event, features: Array(events.features(of: event)))
            }
            step += 700
            monitor.apply(part)
            compare("step \(step)")
            var metric = EventBatch()
            metric.append(Event(kind: .metric, model: symbols.intern("price"), node: symbols.intern("us-1"),
                                time: try #require(monitor.clock) + 2, metric: symbols.intern("error_rate"), value: 0.01), features: [])
            monitor.apply(metric)
            compare("metric after step \(step)")
            if step == 700 * 40 {
                monitor.rebaseline(symbols.intern("fraud"))
                compare("re-baseline")
            }
        }
        #expect(compared > 150)
    }

    @Test func presentingAgainReusesWhatDidNotChange() {
        var dashboard = DashboardFixture.dashboard()
        dashboard.keys(.enter, .enter)
        guard case .feature(let first) = dashboard.model.content else { return }
        dashboard.present()
        guard case .feature(let second) = dashboard.model.content else { return }
        #expect(first.cdf?.current == second.cdf?.current)
        // A change of the data is seen.
        var batch = EventBatch()
        let s = dashboard.monitor.symbols
        for i in 0..<50 {
            batch.append(Event(kind: .prediction, model: s.intern("fraud"), node: s.intern("eu-1"), time: DashboardFixture.start + 7150 + Double(i) * 0.001,
                               prediction: .number(1)), features: [.init(name: s.intern("amount"), value: .number(1000))])
        }
        dashboard.monitor.apply(batch)
        dashboard.present()
        guard case .feature(let third) = dashboard.model.content else { return }
        #expect(third.cdf?.current.count == (first.cdf?.current.count ?? 0) + 50)
    }
}
