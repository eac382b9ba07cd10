/// Everything one frame shows, made by the ``Presenter``; screens read nothing else.
public struct DashboardModel: Sendable {
    /// The screen's content.
    public enum Content: Sendable {
        case overview(OverviewModel)
        case detail(DetailModel)
        case feature(FeatureModel)
        case nodes(NodesModel)
        case fleetNodes(FleetNodesModel)
        case help(TextModel)
        case malformed(MalformedModel)
        case malformedLine(TextModel)
        case alerts(AlertsModel)
        case versions(VersionsModel)
        case sources(SourcesModel)
        /// Nothing to show (no model selected yet).
        case empty
    }

    public var width: Int
    public var height: Int
    public var chrome: ChromeModel
    public var content: Content
    /// For the reducer: rows in shown order, heatmap size.
    public var navigation: Navigation
}
