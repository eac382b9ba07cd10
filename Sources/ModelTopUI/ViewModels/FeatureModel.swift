import ModelTopCore

/// One feature (or the prediction) of a model, reference against a pane or the current window.
public struct FeatureModel: Sendable {
    /// What is compared with the reference.
    public enum Selection: Sendable, Equatable {
        case pane(start: Double, end: Double)
        case window(panes: Int, end: Double)
    }

    /// One number of the comparison; `level` colours it (PSI by the alert thresholds).
    public struct Stat: Sendable {
        public var label: String
        public var value: String
        public var level: Severity?
    }

    /// A histogram bar's label: a numeric bin or a category.
    public enum BinLabel: Sendable, Equatable {
        case atMost(Double)
        case above(Double)
        /// A middle bin, by its upper edge.
        case upTo(Double)
        case category(String)
    }

    public struct Bin: Sendable {
        public var label: BinLabel
        public var reference: Double
        public var current: Double
    }

    /// Both empirical CDFs (sorted values) and where they differ most, with the plot's x axis.
    public struct CDF: Sendable {
        public var reference: [Double]
        public var current: [Double]
        public var statistic: Double?
        public var location: Double?
        public var axis: CDFPlot.Axis
    }

    public var name: String
    public var kind: FeatureKind
    public var model: String
    public var selection: Selection
    public var drillWindow: Bool
    public var stats: [Stat]
    /// The pane has left the window: its KS sample is gone.
    public var sampleDropped: Bool
    public var bins: [Bin]
    /// The first bin shown (PgUp/PgDn).
    public var firstBin: Int
    /// Numeric features only.
    public var cdf: CDF?
}
