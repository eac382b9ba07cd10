import ModelTopCore

/// The ingest side of the state: counts per source, recent malformed lines and notices.
public struct IngestSummary: Sendable {
    /// How many malformed lines are kept for display.
    public static let malformedLimit = 50
    /// How many notices are kept.
    public static let noticeLimit = 50

    /// Counts per source, in the order sources first reported.
    public private(set) var sources: [(name: Symbol, statistics: SourceStatistics)] = []
    /// The latest malformed lines, oldest first.
    public private(set) var malformed: [MalformedLine] = []
    /// The latest notices, oldest first.
    public private(set) var notices: [SourceNotice] = []
    /// Sources that ended (a closed stream).
    public private(set) var finished: Set<Symbol> = []

    public init() {}

    /// All sources together.
    public var total: SourceStatistics {
        var total = SourceStatistics()
        for source in sources { total.merge(source.statistics) }
        return total
    }

    /// Adds what `batch` reports (not its events: the analytics take those).
    public mutating func apply(_ batch: DecodedBatch) {
        for (name, delta) in batch.sources {
            if let i = sources.firstIndex(where: { $0.name == name }) {
                sources[i].statistics.merge(delta)
            } else {
                sources.append((name, delta))
            }
        }
        append(batch.malformed, to: &malformed, limit: Self.malformedLimit)
        append(batch.notices, to: &notices, limit: Self.noticeLimit)
        finished.formUnion(batch.finishedSources)
    }

    private func append<T>(_ items: [T], to list: inout [T], limit: Int) {
        guard !items.isEmpty else { return }
        list.append(contentsOf: items.suffix(limit))
        if list.count > limit { list.removeFirst(list.count - limit) }
    }

    /// `{"lines", "events", "malformed", ...}` for all sources together.
    public func totalJSON() -> JSONValue {
        let t = total
        return .object([
            ("lines", .int(t.lines)), ("events", .int(t.events)), ("malformed", .int(t.malformed)),
            ("bytes", .int(t.bytes)), ("blank", .int(t.blank)), ("predictions", .int(t.predictions)),
            ("labels", .int(t.labels)), ("metrics", .int(t.metrics)),
            ("nested_feature_values", .int(t.nestedFeatureValues)),
        ])
    }

    /// One object per source.
    public func sourcesJSON(symbols: SymbolTable) -> JSONValue {
        .array(sources.map { name, s in
            .object([
                ("name", .string(symbols.name(name))), ("lines", .int(s.lines)), ("bytes", .int(s.bytes)),
                ("events", .int(s.events)), ("malformed", .int(s.malformed)), ("blank", .int(s.blank)),
                ("files_opened", .int(s.filesOpened)), ("rotations", .int(s.rotations)),
                ("truncations", .int(s.truncations)),
                ("last_event_time", .string(s.lastEventTime.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) })),
                ("finished", .bool(finished.contains(name))),
            ])
        })
    }

    /// The malformed lines kept, newest last.
    public func malformedJSON() -> JSONValue {
        .array(malformed.map { .object([("source", .string($0.source)), ("reason", .string($0.reason.message)),
                                        ("text", .string($0.text))]) })
    }
}
