/// Pane fragments a merge left out, by reason (each also leaves its model's figures short: a
/// status shows it).
public struct SkippedFragments: Sendable, Equatable {
    /// The worker's reference is not this process's (other files, or none: a reference of a
    /// worker's first predictions cannot be merged).
    public var referenceDiffers = 0
    /// The worker's panes are longer than this process's, or do not divide them.
    public var paneMismatch = 0
    /// A fragment before its worker's model summary (a damaged or reordered stream).
    public var unknownModel = 0

    public var total: Int { referenceDiffers + paneMismatch + unknownModel }
}
