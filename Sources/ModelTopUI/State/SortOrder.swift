/// The overview's sort orders, cycled with `s`.
public enum SortOrder: String, CaseIterable, Sendable {
    case severity, name, throughput, drift

    var next: SortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
