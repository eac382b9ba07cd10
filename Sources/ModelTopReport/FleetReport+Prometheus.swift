import ModelTopCore
import ModelTopText

extension FleetReport {
    /// Latency histogram bounds, in seconds.
    public static let latencyBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    /// What the dashboard shows, as Prometheus series (`GET /metrics` of `watch --listen`).
    ///
    /// Windowed statistics (PSI, KS, accuracy, window latency quantiles, rates) are gauges over
    /// the current window; counts since the start are counters (`_total`); latency since the
    /// start is a histogram in seconds, so quantiles aggregate across models and replicas.
    /// Series: per model about 20, per feature 5, per node 1, per source 3, plus the receiver's;
    /// with the caps (1000 models, 1000 features a model) at most about 5 million, in practice
    /// models x features x 5.
    /// - Parameter network: the receiver's counts, when there is a receiver.
    public func prometheus(network: NetworkSummary? = nil) -> String {
        var p = PrometheusText()
        let judged = snapshots.filter { if case .judged = $0.status { true } else { false } }
        func model(_ s: ModelSnapshot) -> [(String, String)] { [("model", name(s.model))] }
        func gauge(_ metric: String, _ help: String, _ value: (ModelSnapshot) -> Double?) {
            p.family(metric, .gauge, help: help, snapshots.compactMap { s in value(s).map { (model(s), $0) } })
        }

        p.family("modeltop_model_severity", .gauge, help: "Model severity over the current window: 0 ok, 1 warn, 2 alert (judged models only).",
                 judged.map { (model($0), Double($0.severity.rawValue)) })
        gauge("modeltop_model_judged", "1 when the model's window has enough values to be judged, else 0.") {
            if case .judged = $0.status { 1 } else { 0 }
        }
        p.family("modeltop_model_predictions_total", .counter, help: "Predictions since the start.",
                 snapshots.map { (model($0), Double($0.totals.predictions)) })
        p.family("modeltop_model_window_predictions", .gauge, help: "Predictions in the current window, by model version.",
                 snapshots.flatMap { s in
                     s.merged.versions.pairs.map { (model(s) + [("version", name($0.key))], Double($0.value)) }
                 })
        gauge("modeltop_model_predictions_per_second", "Predictions per second over the current window.") { $0.throughput }
        gauge("modeltop_model_window_labels_joined", "Labels joined to predictions in the current window.") {
            Double($0.merged.outcomes.joined)
        }
        gauge("modeltop_model_accuracy", "Accuracy over the current window (classifiers).") { $0.accuracy }
        gauge("modeltop_model_reference_accuracy", "Accuracy of the reference (classifiers).") { $0.referenceAccuracy }
        gauge("modeltop_estimated_accuracy_ratio", "Accuracy estimated from calibrated scores before labels (CBPE, binary classifiers).") {
            $0.estimated?.accuracy
        }
        gauge("modeltop_estimated_accuracy_stderr", "Standard error of the estimated accuracy.") { $0.estimated?.accuracyStandardError }
        gauge("modeltop_model_f1", "F1 score over the current window (binary classifiers).") {
            $0.task == .binary ? $0.merged.outcomes.f1 : nil
        }
        gauge("modeltop_model_roc_auc", "ROC AUC over the current window (binary classifiers with scores).") {
            $0.task == .binary ? rocAUC[$0.model] : nil
        }
        gauge("modeltop_model_mae", "Mean absolute error over the current window (regressors).") {
            $0.task == .regression ? $0.merged.outcomes.meanAbsoluteError : nil
        }
        gauge("modeltop_model_rmse", "Root mean squared error over the current window (regressors).") {
            $0.task == .regression ? $0.merged.outcomes.rootMeanSquaredError : nil
        }
        gauge("modeltop_model_error_rate", "Mean of the error_rate metric over the current window.") {
            $0.metricMean(symbols.intern("error_rate"))
        }
        gauge("modeltop_model_pending_predictions", "Predictions waiting for their label.") { Double($0.pendingPredictions) }
        p.family("modeltop_model_window_latency_seconds", .gauge, help: "Latency quantiles over the current window, in seconds.",
                 snapshots.flatMap { s in
                     let qs = [0.5, 0.95, 0.99]
                     return zip(qs, s.merged.latency.quantiles(qs)).compactMap { q, value in
                         value.map { (model(s) + [("quantile", PrometheusText.value(q))], $0 / 1000) }
                     }
                 })
        p.histogram("modeltop_model_latency_seconds", help: "Latency of every prediction since the start, in seconds.",
                    bounds: Self.latencyBounds,
                    snapshots.filter { $0.totals.latency.count > 0 }.map { s in
                        let h = s.totals.latency
                        return (model(s), h.cumulativeCounts(atOrBelow: Self.latencyBounds.map { $0 * 1000 }), h.count, h.sum / 1000)
                    })

        // Per version (each model's versions over the current window).
        func versions(_ metric: String, _ help: String, _ value: (ModelSnapshot, VersionSnapshot) -> Double?) {
            p.family(metric, .gauge, help: help, snapshots.flatMap { s in
                s.versions.compactMap { v in value(s, v).map { (model(s) + [("version", name(v.version))], $0) } }
            })
        }
        versions("modeltop_version_accuracy_ratio", "Accuracy of each model version over the current window (classifiers).") { s, v in
            s.task == .regression ? nil : v.merged.outcomes.accuracy
        }
        versions("modeltop_version_mae", "Mean absolute error of each model version over the current window (regressors).") { s, v in
            s.task == .regression ? v.merged.outcomes.meanAbsoluteError : nil
        }
        versions("modeltop_version_p99_latency_seconds", "p99 latency of each model version over the current window, in seconds.") { _, v in
            v.merged.latency.quantile(0.99).map { $0 / 1000 }
        }
        versions("modeltop_version_accuracy_difference", "Accuracy of the version minus the baseline version's (classifiers).") { _, v in
            v.vsBaseline?.accuracy?.difference
        }
        versions("modeltop_version_accuracy_difference_pvalue", "Two-proportion z-test p-value of that difference.") { _, v in
            v.vsBaseline?.accuracy?.pValue
        }

        func features(_ metric: String, _ help: String, _ value: (FeatureDrift) -> Double?) {
            p.family(metric, .gauge, help: help, snapshots.flatMap { s in
                s.features.compactMap { f in value(f.drift).map { (model(s) + [("feature", name(f.name))], $0) } }
            })
        }
        features("modeltop_feature_psi", "Population stability index of the feature, current window against the reference.") { $0.psi }
        features("modeltop_feature_ks_statistic", "Kolmogorov-Smirnov D of a numeric feature.") { $0.ks?.statistic }
        features("modeltop_feature_ks_pvalue",
                 "Kolmogorov-Smirnov p-value of a numeric feature (exact while cheap to compute, else asymptotic).") { $0.ks?.pvalue }
        features("modeltop_feature_chi2_pvalue", "Chi-square p-value of a categorical feature.") { $0.chiSquare?.pvalue }
        features("modeltop_feature_missing_ratio", "Share of predictions without the feature in the current window.") { $0.missingRate }
        p.family("modeltop_prediction_psi", .gauge, help: "Population stability index of the predictions (or scores).",
                 snapshots.compactMap { s in s.predictionDrift?.drift.psi.map { (model(s), $0) } })

        p.family("modeltop_node_events_per_second", .gauge, help: "Events per second of each serving node over the current window.",
                 snapshots.flatMap { s in
                     s.nodes.compactMap { n in
                         s.seconds > 0 ? (model(s) + [("node", name(n.name))], Double(n.pane.events) / s.seconds) : nil
                     }
                 })

        let sources = ingest.sources.map { (labels: [("source", name($0.name))], statistics: $0.statistics) }
        p.family("modeltop_source_lines_total", .counter, help: "Lines read from each source.",
                 sources.map { ($0.labels, Double($0.statistics.lines)) })
        p.family("modeltop_source_events_total", .counter, help: "Events decoded from each source.",
                 sources.map { ($0.labels, Double($0.statistics.events)) })
        p.family("modeltop_source_malformed_total", .counter, help: "Malformed lines of each source (counted and skipped).",
                 sources.map { ($0.labels, Double($0.statistics.malformed)) })
        p.family("modeltop_models_over_cap_total", .counter, help: "Events of models past the model cap, counted as (other models).",
                 [([], Double(modelsOverCap))])
        if let clock {
            p.family("modeltop_event_time_seconds", .gauge, help: "The newest event time seen (Unix seconds).", [([], clock)])
        }

        let partitions = ingest.partitions.map { (labels: [("topic", $0.topic), ("partition", String($0.partition))], status: $0) }
        p.family("modeltop_kafka_lag", .gauge, help: "Messages written to the Kafka partition and not read yet.",
                 partitions.compactMap { p in p.status.lag.map { (p.labels, Double($0)) } })
        p.family("modeltop_kafka_messages_total", .counter, help: "Messages read from the Kafka partition.",
                 partitions.map { ($0.labels, Double($0.status.messages)) })
        // Workers whose pane summaries are merged (absent without any).
        let workerLabels = workers.map { (labels: [("worker", $0.name), ("instance", String($0.instance, radix: 16))], worker: $0) }
        p.family("modeltop_worker_last_block_timestamp_seconds", .gauge,
                 help: "When the worker wrote its newest merged block (its wall clock, Unix seconds).",
                 workerLabels.map { ($0.labels, $0.worker.wallTime) })
        p.family("modeltop_worker_event_time_seconds", .gauge, help: "The worker's newest event time (Unix seconds).",
                 workerLabels.compactMap { w in w.worker.clock.map { (w.labels, $0) } })
        p.family("modeltop_worker_events_total", .counter, help: "Events the worker applied.",
                 workerLabels.map { ($0.labels, Double($0.worker.events)) })
        p.family("modeltop_worker_malformed_total", .counter, help: "Malformed lines the worker counted.",
                 workerLabels.map { ($0.labels, Double($0.worker.malformed)) })
        if !workers.isEmpty || skippedFragments.total > 0 {
            p.family("modeltop_pane_fragments_skipped_total", .counter, help: "Pane fragments not merged, by reason.",
                     [([("reason", "reference_differs")], Double(skippedFragments.referenceDiffers)),
                      ([("reason", "pane_mismatch")], Double(skippedFragments.paneMismatch)),
                      ([("reason", "unknown_model")], Double(skippedFragments.unknownModel))])
        }
        let hosts = ingest.hosts.map { (labels: [("host", $0.host)], status: $0) }
        p.family("modeltop_ssh_host_up", .gauge, help: "1 when the remote host's connection is up, else 0.",
                 hosts.map { ($0.labels, $0.status.isUp ? 1 : 0) })
        p.family("modeltop_ssh_bytes_behind", .gauge, help: "Bytes of the remote host's files not read yet.",
                 hosts.map { ($0.labels, Double($0.status.bytesBehind)) })
        p.family("modeltop_ssh_connections_total", .counter, help: "Connections to the remote host that completed a round.",
                 hosts.map { ($0.labels, Double($0.status.connects)) })
        p.family("modeltop_ssh_failures_total", .counter, help: "Connection attempts to the remote host that failed or dropped.",
                 hosts.map { ($0.labels, Double($0.status.failures)) })

        if let n = network {
            p.family("modeltop_http_requests_total", .counter, help: "HTTP requests answered, by status code.",
                     n.responses.sorted { $0.key < $1.key }.map { ([("code", String($0.key))], Double($0.value)) })
            p.family("modeltop_http_events_accepted_total", .counter, help: "Events accepted over HTTP (queued for ingest).",
                     [([], Double(n.eventsAccepted))])
            p.family("modeltop_http_connections_open", .gauge, help: "HTTP connections open now.", [([], Double(n.connectionsOpen))])
            p.family("modeltop_http_connections_total", .counter, help: "HTTP connections accepted.", [([], Double(n.connectionsAccepted))])
            p.family("modeltop_http_connections_refused_total", .counter, help: "HTTP connections closed for being over --max-connections.",
                     [([], Double(n.connectionsRefused))])
            p.family("modeltop_http_connections_timed_out_total", .counter, help: "HTTP connections closed for being idle or slow.",
                     [([], Double(n.connectionsTimedOut))])
            p.family("modeltop_http_source_rejected_total", .counter, help: "Requests of each network source refused (4xx, 5xx).",
                     n.sources.map { ([("source", $0.name)], Double($0.rejected)) })
            p.family("modeltop_inference_joined_total", .counter, help: "Inference requests and responses paired (KServe, Seldon).",
                     [([], Double(n.joined))])
            p.family("modeltop_inference_responses_alone_total", .counter,
                     help: "Inference responses whose request never came (predictions without features).", [([], Double(n.responsesAlone))])
            p.family("modeltop_inference_requests_alone_total", .counter, help: "Inference requests whose response never came.",
                     [([], Double(n.requestsAlone))])
            p.family("modeltop_inference_waiting", .gauge, help: "Inference halves waiting for their other half.",
                     [([], Double(n.waitingHalves))])
        }
        return p.text
    }
}
