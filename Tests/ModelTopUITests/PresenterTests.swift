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
