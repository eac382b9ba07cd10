import ModelTopCore

extension Reason {
    /// The reason in words (`PSI 0.31 on amount`), names looked up with `name`.
    public func text(_ name: (Symbol) -> String) -> String {
        switch self {
        case .drift(let feature, let psi):
            "PSI \(Self.number(psi)) on \(Sanitizer.sanitize(name(feature), limit: 64))"
        case .accuracyDrop(let accuracy, let reference):
            "accuracy \(Self.number(accuracy * 100))% vs \(Self.number(reference * 100))% in the reference"
        }
    }

    private static func number(_ x: Double) -> String {
        Format.fixed(x, digits: abs(x) >= 10 ? 1 : 2)
    }
}
