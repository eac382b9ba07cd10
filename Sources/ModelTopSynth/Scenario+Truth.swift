extension Scenario {
    /// The ground truth of the incidents, a JSON line each (`synth --truth FILE`): kind, start
    /// and end (RFC 3339), what it touches, and its settings.
    public func truthLines() -> [UInt8] {
        var b = LineBuffer()
        for incident in incidents {
            b.raw("{\"kind\":")
            b.string(incident.kind.rawValue)
            b.raw(",\"start\":")
            b.time(start + incident.start)
            b.raw(",\"end\":")
            b.time(start + incident.end)
            if let m = incident.model {
                b.raw(",\"model\":")
                b.string(models[m].name)
                if let f = incident.feature {
                    b.raw(",\"feature\":")
                    b.string(models[m].features[f].name)
                }
            }
            if let n = incident.node {
                b.raw(",\"node\":")
                b.string(nodes[n])
            }
            if let v = incident.version {
                b.raw(",\"version\":")
                b.string(v)
            }
            switch incident.kind {
            case .featureDrift:
                b.raw(",\"shift\":")
                b.number(incident.shift, digits: 6)
                b.raw(",\"scale\":")
                b.number(incident.scale, digits: 6)
                if let value = incident.value {
                    b.raw(",\"value\":")
                    b.string(value.source)
                }
                if let c = incident.category {
                    b.raw(",\"category\":")
                    b.string(strings.strings[c])
                }
                b.raw(",\"share\":")
                b.number(incident.share, digits: 6)
            case .conceptDrift:
                b.raw(",\"truth\":")
                b.string(incident.truth?.source ?? "")
            case .rollout, .duplicates, .lateEvents:
                b.raw(",\"share\":")
                b.number(incident.share, digits: 6)
                if incident.kind == .lateEvents {
                    b.raw(",\"delay_seconds\":")
                    b.number(incident.delay, digits: 3)
                }
            case .latencySpike:
                b.raw(",\"factor\":")
                b.number(incident.factor, digits: 6)
            case .errorBurst:
                b.raw(",\"error_rate\":")
                b.number(incident.errorRate, digits: 6)
            case .malformedBurst:
                b.raw(",\"count\":")
                b.number(Double(incident.count), digits: 0)
            case .nodeSilence:
                break
            }
            b.raw(",\"ramp\":")
            b.string(incident.linear ? "linear" : "step")
            b.raw("}\n")
        }
        return Array(b.bytes)
    }
}
