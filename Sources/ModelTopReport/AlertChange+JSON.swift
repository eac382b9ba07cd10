import ModelTopCore
import ModelTopText

extension AlertChange {
    /// The change as `watch --no-tui` prints it and `--on-alert` receives it:
    /// `{"type": "alert", "time", "event_time", "model", "subject", "feature"|"node", "from", "to", "reason"}`.
    public func json(symbols: SymbolTable, time: Double) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("alert")),
            ("time", .string(RFC3339.string(fromSeconds: time, fractionDigits: 3))),
            ("event_time", .string(RFC3339.string(fromSeconds: self.time, fractionDigits: 3))),
            ("model", .string(symbols.name(model))),
        ]
        switch subject {
        case .model: members.append(("subject", .string("model")))
        case .feature(let f): members += [("subject", .string("feature")), ("feature", .string(symbols.name(f)))]
        case .node(let n): members += [("subject", .string("node")), ("node", .string(symbols.name(n)))]
        }
        members += [
            ("from", .string(from?.name)),
            ("to", .string(to.name)),
            ("reason", .string(reason?.text(symbols.name))),
        ]
        return .object(members)
    }
}
