import ArgumentParser
import ModelTopApp

/// `modeltop check`: a policy gate over logs read like `report`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read logs like 'report' and check them against a policy's rules (a CI/CD gate).",
        discussion: """
            The policy is a TOML file of [[rules]] tables: each names a model (a glob), optionally \
            a feature (a glob) or a version, and thresholds (psi_max, ks_pvalue_min, accuracy_min, \
            accuracy_drop_max, mae_max, p99_latency_ms_max, error_rate_max, missing_rate_max, \
            predictions_min), or a canary gate (candidate, baseline, max_accuracy_drop or \
            max_mae_increase, alpha). See docs/ci.md.

            Output: a table on a terminal, else JSON; --junit writes JUnit XML; with \
            GITHUB_ACTIONS=true, ::error and ::warning annotations and a Markdown summary in \
            $GITHUB_STEP_SUMMARY.

            Exit status: 0 all checks passed, 3 a check failed, 4 nothing to judge (no events, or a \
            rule's model, version or value absent: never a silent pass), 2 a bad policy or input.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var monitor: MonitorOptions

    @Option(help: ArgumentHelp("The policy: a TOML file of [[rules]].", valueName: "file"))
    var policy: String

    @Option(help: ArgumentHelp("Output format (default: table on a terminal, else json).", valueName: "format"))
    var format: Check.Format?

    @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @OptionGroup var range: WindowOptions

    func validate() throws {
        try input.requireLocalPaths()
    }

    func run() throws {
        let inputs = try input.inputs(references: monitor.references)
        let report = Report(inputs: inputs, monitor: monitor.exact(window: range.window, configuration: inputs.configuration),
                            since: range.since?.seconds, until: range.until?.seconds)
        try Check(report: report, policyPath: policy, format: format, junitPath: junit).run()
    }
}

extension Check.Format: ExpressibleByArgument {}
