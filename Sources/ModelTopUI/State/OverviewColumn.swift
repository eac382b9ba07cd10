/// A column of the fleet overview; any of them sorts the rows.
public enum OverviewColumn: String, CaseIterable, Sendable {
    case status, model, version, nodes, throughput = "ev/s", accuracy = "acc/mae", worst = "worst", psi, p99, reason

    /// The header's title.
    public var title: String {
        switch self {
        case .status: "STATUS"
        case .model: "MODEL"
        case .version: "VER"
        case .nodes: "NODES"
        case .throughput: "EV/S"
        case .accuracy: "ACC/MAE"
        case .worst: "WORST FEATURE"
        case .psi: "PSI"
        case .p99: "P99"
        case .reason: "REASON"
        }
    }

    /// Whether a first sort by this column puts the largest first (severity, rates, drift,
    /// latency), or the smallest (names).
    public var descendingFirst: Bool {
        switch self {
        case .model, .version, .worst, .reason, .accuracy: false
        case .status, .nodes, .throughput, .psi, .p99: true
        }
    }

    /// Parses a column's name as the preferences and `--config` give it (`psi`, `ev/s`).
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let column = Self.allCases.first(where: { $0.rawValue == lowered || $0.title.lowercased() == lowered }) else {
            return nil
        }
        self = column
    }
}

/// How the overview is sorted: by a column, one way or the other (ties by name).
public struct SortSpec: Sendable, Equatable {
    public var column: OverviewColumn
    public var descending: Bool

    public init(column: OverviewColumn, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// Worst first: ALERT, WARN, OK, then models not judged yet.
    public static let `default` = SortSpec(column: .status, descending: true)

    /// Sorting by `column`: its own first direction, or the other one when it already sorts.
    public func selecting(_ column: OverviewColumn) -> SortSpec {
        column == self.column ? SortSpec(column: column, descending: !descending)
            : SortSpec(column: column, descending: column.descendingFirst)
    }
}
