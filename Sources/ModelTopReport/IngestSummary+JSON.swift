import ModelTopCore
import ModelTopText

extension IngestSummary {
    /// `{"lines", "events", "malformed", ...}` for all sources together.
    public func totalJSON() -> JSONValue {
        let t = total
        return .object([
            ("lines", .int(t.lines)), ("events", .int(t.events)), ("malformed", .int(t.malformed)),
            ("malformed_out_of_range", .int(t.malformedOutOfRange)),
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
                ("events", .int(s.events)), ("malformed", .int(s.malformed)),
                ("malformed_out_of_range", .int(s.malformedOutOfRange)), ("blank", .int(s.blank)),
                ("files_opened", .int(s.filesOpened)), ("rotations", .int(s.rotations)),
                ("truncations", .int(s.truncations)),
                ("last_event_time", .string(s.lastEventTime.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) })),
                ("finished", .bool(finished.contains(name))),
            ])
        })
    }

    /// The HTTP receiver's counts (`watch --listen`), or null.
    public func networkJSON() -> JSONValue {
        guard let n = network else { return .null }
        return .object([
            ("address", .string(n.address)), ("tls", .bool(n.tls)),
            ("connections_open", .int(n.connectionsOpen)), ("connections_accepted", .int(n.connectionsAccepted)),
            ("connections_refused", .int(n.connectionsRefused)), ("connections_timed_out", .int(n.connectionsTimedOut)),
            ("requests", .int(n.requests)), ("rejected", .int(n.rejected)),
            ("responses", .object(n.responses.sorted { $0.key < $1.key }.map { (String($0.key), .int($0.value)) })),
            ("events_accepted", .int(n.eventsAccepted)),
            ("inference", .object([("joined", .int(n.joined)), ("responses_alone", .int(n.responsesAlone)),
                                   ("requests_alone", .int(n.requestsAlone)), ("waiting", .int(n.waitingHalves))])),
            ("sources", .array(n.sources.map { s in
                .object([("name", .string(s.name)), ("peer", .string(s.peer)), ("requests", .int(s.requests)),
                         ("events", .int(s.events)), ("rejected", .int(s.rejected)), ("bytes", .int(s.bytes)),
                         ("events_per_second", .number(s.eventsPerSecond)),
                         ("last_seen", .string(RFC3339.string(fromSeconds: s.lastSeen, fractionDigits: 3)))])
            })),
        ])
    }

    /// Remote hosts (`ssh://` sources): state, last error, files, bytes behind.
    public func hostsJSON() -> JSONValue {
        .array(hosts.map { h in
            let state: String, retry: JSONValue
            switch h.state {
            case .connecting: (state, retry) = ("connecting", .null)
            case .connected: (state, retry) = ("connected", .null)
            case .retrying(let at): (state, retry) = ("retrying", .string(RFC3339.string(fromSeconds: at, fractionDigits: 3)))
            }
            return .object([
                ("host", .string(h.host)), ("state", .string(state)), ("retry_at", retry), ("last_error", .string(h.lastError)),
                ("files", .int(h.files)), ("bytes_behind", .int(h.bytesBehind)), ("connects", .int(h.connects)),
                ("failures", .int(h.failures)),
                ("last_round", .string(h.lastRound.map { RFC3339.string(fromSeconds: $0, fractionDigits: 3) })),
            ])
        })
    }

    /// Kafka partitions (`kafka://` sources): offsets, high watermark, lag, messages, last error.
    public func partitionsJSON() -> JSONValue {
        .array(partitions.map { p in
            .object([
                ("topic", .string(p.topic)), ("partition", .int(p.partition)),
                ("next_offset", p.nextOffset.map { .int(Int($0)) } ?? .null),
                ("high_watermark", p.highWatermark.map { .int(Int($0)) } ?? .null),
                ("lag", p.lag.map { .int(Int($0)) } ?? .null), ("messages", .int(p.messages)), ("last_error", .string(p.lastError)),
            ])
        })
    }

    /// The malformed lines kept, newest last.
    public func malformedJSON() -> JSONValue {
        .array(malformed.map { .object([("source", .string($0.source)), ("reason", .string($0.reason.message)),
                                        ("text", .string($0.text))]) })
    }
}
