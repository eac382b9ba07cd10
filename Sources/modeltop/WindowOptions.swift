import ArgumentParser

/// What part of the input `report` and `check` judge: the last panes, an event-time range.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Judge only the last N panes (of --pane) of event time instead of the whole input.",
                               valueName: "panes"))
    var window: Int?

    @Option(help: ArgumentHelp("Only events at or after this event time (RFC 3339, or Unix seconds).", valueName: "time"))
    var since: TimeArgument?

    @Option(help: ArgumentHelp("Only events before this event time (RFC 3339, or Unix seconds).", valueName: "time"))
    var until: TimeArgument?

    func validate() throws {
        if let window { try OptionRanges.window.check(window) }
        if let since, let until, since.seconds >= until.seconds { throw ValidationError("--since must be before --until.") }
    }
}
