/// The dashboard choices kept between runs (`~/.config/modeltop/config.toml`, or the `[display]`
/// table of a `--config` file): theme, sort, and overview columns left out.
public struct Preferences: Sendable, Equatable {
    public var theme: String?
    public var sort: SortSpec?
    /// Overview columns not shown.
    public var hiddenColumns: [OverviewColumn] = []

    public init(theme: String? = nil, sort: SortSpec? = nil, hiddenColumns: [OverviewColumn] = []) {
        self.theme = theme
        self.sort = sort
        self.hiddenColumns = hiddenColumns
    }

    /// `other`'s choices where it has one, else these.
    public func overridden(by other: Preferences) -> Preferences {
        Preferences(theme: other.theme ?? theme, sort: other.sort ?? sort,
                    hiddenColumns: other.hiddenColumns.isEmpty ? hiddenColumns : other.hiddenColumns)
    }
}
