/// How a feature's values are compared.
public enum FeatureKind: String, Sendable {
    /// Every non-null reference value is a number: deciles, PSI and KS.
    case numeric
    /// Otherwise (strings, bools, mixtures): one bin per category, PSI and chi-square.
    case categorical

    /// The kind of a feature whose non-null values include numbers only when
    /// `allNumbers`: numeric when every non-null value is a number (bools are categorical).
    public init(allNumbers: Bool) {
        self = allNumbers ? .numeric : .categorical
    }
}
