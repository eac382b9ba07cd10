import ModelTopCore
import Testing
@testable import ModelTopUI

/// The versions view (`v`) and the deploy marks: a canary v2 takes every other prediction in
/// the last 40 minutes, is right 70% of the time (v1: 90%), slower, its `amount` shifted.
@Suite struct VersionsViewTests {
    static func dashboard(width: Int, height: Int) -> Dashboard {
        let symbols = SymbolTable()
        var batch = EventBatch()
        let start = DashboardFixture.start
        for i in 0..<6000 {
            let t = start + Double(i) * 0.8  // 80 minutes
            let v2 = i >= 3000 && i % 2 == 1
            let k = i < 3000 ? i : i / 2
            let right = v2 ? k % 10 < 7 : k % 10 != 0
            batch.append(Event(kind: .prediction, model: symbols.intern("fraud"), node: symbols.intern("eu-1"),
                               version: symbols.intern(v2 ? "v2" : "v1"), time: t, prediction: .number(1),
                               label: .number(right ? 1 : 0), latency: v2 ? 30 : 10),
                         features: [.init(name: symbols.intern("amount"), value: .number(Double(i % 100) + (v2 ? 40 : 0)))])
        }
        var configuration = MonitorConfiguration()
        configuration.referenceSize = 1000
        configuration.window = 60
        configuration.thresholds.minimumSamples = 30
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        monitor.apply(batch)
        var dashboard = Dashboard(monitor: monitor, ingest: DashboardFixture.ingest(events: 6000, symbols: symbols),
                                  state: DashboardState(width: width, height: height, sourceCount: 1))
        dashboard.send(.tick(start + 4801))
        return dashboard
    }

    @Test func versionsSideBySideWithTheirTest() {
        var dashboard = Self.dashboard(width: 80, height: 24)
        dashboard.keys(.enter)
        let detail = dashboard.render().buffer.text
        #expect(detail.contains("deploys"))
        #expect(detail.contains("▼v2"))
        dashboard.keys(.character("v"))
        #expect(dashboard.state.screen == .versions)
        let text = dashboard.render().buffer.text
        expectSnapshot(text, named: "screen-versions-80x24")
        #expect(text.contains("v1 (base)"))
        #expect(text.contains("v2: accuracy -20.0 pts vs v1"))
        dashboard.keys(.escape)
        #expect(dashboard.state.screen == .detail)
    }
}
