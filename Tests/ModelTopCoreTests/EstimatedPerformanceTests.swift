import Testing
@testable import ModelTopCore

/// Confidence-based performance estimation (CBPE) against NannyML and scikit-learn
/// (scripts/make-fixtures.py), and the coverage of its ±1.96·SE band.
@Suite struct EstimatedPerformanceTests {
    struct Fixture: Decodable {
        struct Rows: Decodable {
            var score: [Double]
            var prediction: [Int]
            var label: [Int]
        }

        struct Case: Decodable {
            var name: String
            var chunk: Int
            var nannyml_calibrated: Bool
            var reference: Rows
            var analysis: Rows
            var estimated: [String: [Double]]
            var realized_accuracy: [Double]
        }

        struct Isotonic: Decodable {
            var name: String
            var x: [Double]
            var y: [Double]
            var weights: [Double]?
            var queries: [Double]
            var predictions: [Double]
        }

        var cbpe: [Case]
        var isotonic: [Isotonic]
    }

    static let data: Fixture = try! fixture("cbpe.json")

    /// Pool-adjacent-violators with ties, weights and linear interpolation: as
    /// `sklearn.isotonic.IsotonicRegression(out_of_bounds="clip")`, within 1e-12.
    @Test func isotonicRegressionMatchesScikitLearn() throws {
        for c in Self.data.isotonic {
            let fit = try #require(IsotonicRegression(x: c.x, y: c.y, weights: c.weights))
            for (q, want) in zip(c.queries, c.predictions) {
                #expect(close(fit(q), want, relative: 1e-12, absolute: 1e-12), "\(c.name): f(\(q)) = \(fit(q)) vs \(want)")
            }
        }
    }

    /// The fit's (and the calibration error's) order is a stable sort of the indices by value:
    /// ties in index order, -0 equal to +0, negative values, on inputs with many ties.
    @Test func orderIsTheStableSortOfTheIndices() {
        var random = SplitMix64(seed: 11)
        for size in [0, 1, 2, 17, 3000] {
            let grid = [-1.5, -0.0, 0.0, 0.25, 0.5, 1e-300, 2, .infinity, -.infinity]
            let x = (0..<size).map { _ in random.next() % 3 == 0 ? grid[Int(random.next() % UInt64(grid.count))]
                : Double(Int(random.next() % 2001) - 1000) / 1000 }
            let stable = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
            let same = IsotonicRegression.order(of: x) == stable  // one Bool: a failure would print both arrays
            #expect(same, "size \(size)")
        }
    }

    /// A fit to a subset of the points taken from one shared sort (the calibration's splits)
    /// equals the fit to that subset alone, to the bit, ties included.
    @Test func subsetFitsFromOneSortEqualFitsOfTheSubset() throws {
        var random = SplitMix64(seed: 3)
        for c in Self.data.isotonic {
            // Ties of x in every case: values rounded to a coarse grid.
            let x = c.x.map { ($0 * 4).rounded() / 4 }
            let order = IsotonicRegression.order(of: x)
            for _ in 0..<20 {
                let kept = x.indices.filter { _ in random.next() % 4 != 0 }
                let shared = IsotonicRegression(x: x, y: c.y, weights: c.weights, order: order.filter(Set(kept).contains))
                let alone = IsotonicRegression(x: kept.map { x[$0] }, y: kept.map { c.y[$0] },
                                               weights: c.weights.map { w in kept.map { w[$0] } })
                #expect(shared == alone, "\(c.name)")
            }
        }
    }

    /// The model's panes are NannyML's chunks (500 predictions each): estimated accuracy,
    /// precision, recall, F1 and specificity equal to NannyML's (within 1e-9) when the calibration
    /// choice agrees (the issue asks 0.005); ROC AUC (from 100 score bins) within 0.001.
    @Test(arguments: ["miscalibrated scores", "calibrated scores"])
    func estimatesMatchNannyML(name: String) throws {
        let c = try #require(Self.data.cbpe.first { $0.name == name })
        let symbols = SymbolTable()
        var configuration = MonitorConfiguration()
        configuration.paneSeconds = Double(c.chunk)
        configuration.panes = 100
        configuration.window = 100
        configuration.sampleLimit = nil
        var monitor = FleetMonitor(configuration: configuration, symbols: symbols)
        let model = symbols.intern("m"), node = symbols.intern("n")
        var reference = EventBatch()
        for i in c.reference.score.indices {
            reference.append(Event(kind: .prediction, model: model, node: node, time: Double(i),
                                   prediction: .number(Double(c.reference.prediction[i])),
                                   label: .number(Double(c.reference.label[i])), score: c.reference.score[i]))
        }
        monitor.addReference(reference)
        monitor.finishReferences()
        var analysis = EventBatch()
        let start = 1_000_000.0  // a multiple of the chunk: chunk k is pane start/500 + k
        for i in c.analysis.score.indices {
            analysis.append(Event(kind: .prediction, model: model, node: node, time: start + Double(i),
                                  prediction: .number(Double(c.analysis.prediction[i])), score: c.analysis.score[i]))
        }
        monitor.apply(analysis)
        let m = try #require(monitor.models.first)
        let calibration = try #require(m.calibration)
        #expect(calibration.calibrated == c.nannyml_calibrated, "calibration choice differs from NannyML's")
        guard calibration.calibrated == c.nannyml_calibrated else { return }
        let first = configuration.pane(of: start)
        for k in 0..<(c.analysis.score.count / c.chunk) {
            let e = try #require(m.panes.pane(first + k)?.estimated)
            #expect(e.count == c.chunk)
            let checks: [(String, Double?, Double)] = [
                ("accuracy", e.accuracy, 1e-9), ("precision", e.precision, 1e-9), ("recall", e.recall, 1e-9),
                ("f1", e.f1, 1e-9), ("specificity", e.specificity, 1e-9), ("roc_auc", e.rocAUC, 0.001),
            ]
            for (metric, value, tolerance) in checks {
                let want = try #require(c.estimated[metric]?[k])
                #expect(abs((value ?? .nan) - want) <= tolerance, "\(name) chunk \(k) \(metric): \(value ?? .nan) vs NannyML \(want)")
            }
        }
    }

    /// Calibrated scores with a known truth: over many windows of 400 predictions the realized
    /// accuracy falls inside estimate ± 1.96·SE in 90–98% of them.
    @Test func theBandCoversTheRealizedAccuracy() {
        var random = SplitMix64(seed: 7)
        func uniform() -> Double { Double(random.next() >> 11) / 9_007_199_254_740_992.0 }
        var covered = 0
        let windows = 1000
        for w in 0..<windows {
            var e = EstimatedOutcomes()
            var right = 0
            let n = 400
            for _ in 0..<n {
                // A calibrated score: the label is positive with probability equal to the score;
                // windows differ in how scores spread (covariate shift).
                let spread = 0.2 + 0.6 * Double(w % 10) / 10
                let p = min(max(0.5 + (uniform() - 0.5) * 2 * spread, 0), 1)
                let label = uniform() < p
                let predicted = p >= 0.5
                e.update(probability: p, predictedPositive: predicted, score: p)
                if label == predicted { right += 1 }
            }
            let realized = Double(right) / Double(n)
            if let a = e.accuracy, let se = e.accuracyStandardError, abs(realized - a) <= 1.96 * se { covered += 1 }
        }
        let rate = Double(covered) / Double(windows)
        #expect(rate >= 0.90 && rate <= 0.98, "coverage \(rate)")
    }

    /// Panes merge exactly: the sums of two halves equal the whole.
    @Test func estimatesMerge() {
        var whole = EstimatedOutcomes(), a = EstimatedOutcomes(), b = EstimatedOutcomes()
        for i in 0..<300 {
            let p = Double(i % 100) / 100, predicted = i % 3 == 0
            whole.update(probability: p, predictedPositive: predicted, score: p)
            if i < 150 { a.update(probability: p, predictedPositive: predicted, score: p) } else {
                b.update(probability: p, predictedPositive: predicted, score: p)
            }
        }
        a.merge(b)
        #expect(a.count == whole.count)
        #expect(close(a.accuracy!, whole.accuracy!, relative: 1e-12))
        #expect(close(a.rocAUC!, whole.rocAUC!, relative: 1e-12))
        #expect(close(a.accuracyStandardError!, whole.accuracyStandardError!, relative: 1e-12))
    }
}
