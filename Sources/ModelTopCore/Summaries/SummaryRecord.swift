/// One record of a summary block.
public enum SummaryRecord: Sendable {
    case worker(WorkerSummary)
    case model(ModelSummary)
    case pane(PaneFragment)
}
