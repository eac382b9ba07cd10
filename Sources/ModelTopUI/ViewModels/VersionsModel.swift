/// One model's versions side by side over the current window (`v` in the detail view): a
/// column per version, a row per figure, and each candidate's verdict against the baseline.
public struct VersionsModel: Sendable {
    /// One figure across the versions.
    public struct Row: Sendable {
        public var label: String
        /// One text per version, in ``columns`` order.
        public var values: [String]
        /// Values beyond a threshold or significantly worse than the baseline (drawn as alerts).
        public var flagged: [Bool]
    }

    public var model: String
    /// `current window 10m`.
    public var window: String
    /// Version names, most served first; the baseline's is marked.
    public var columns: [String]
    public var rows: [Row]
    /// One line per candidate: `v2: accuracy -3.1 pts vs v1 (95% CI ...), p = 0.002; ...`.
    public var verdicts: [String]
    /// The first row shown (scrolling).
    public var first: Int
}
