#if canImport(Glibc)
import Glibc
#endif
import ModelTopCore
import ModelTopIngest
import ModelTopKafka
import ModelTopServer
import ModelTopSystem
import ModelTopTerminal
import ModelTopText
import ModelTopUI

/// `modeltop watch`: follows logs, in the dashboard or as JSON lines.
public struct Watch {
    public var inputs: Inputs
    public var monitor: MonitorConfiguration
    public var follow: FollowOptions
    public var display: DisplaySettings
    /// `--no-tui`: JSON lines every this many seconds instead of the dashboard.
    public var jsonInterval: Double?
    /// `--listen`: the HTTP receiver's settings.
    public var listen: ReceiverConfiguration?
    /// How `ssh://` paths are followed.
    public var remote = RemoteEventSource.Settings()
    /// `--emit-panes DEST`: a worker (with `--no-tui`).
    public var emitPanes: String?
    /// `--worker-name`.
    public var workerName: String?

    public init(inputs: Inputs, monitor: MonitorConfiguration, follow: FollowOptions, display: DisplaySettings,
                jsonInterval: Double?, listen: ReceiverConfiguration? = nil) {
        self.inputs = inputs
        self.monitor = monitor
        self.follow = follow
        self.display = display
        self.jsonInterval = jsonInterval
        self.listen = listen
    }

    public func run() throws {
        let symbols = SymbolTable()
        var session = try inputs.session(monitor, symbols: symbols)
        // A worker commits Kafka offsets once the events are in a block it sent.
        if emitPanes != nil { session.heldCommits = [] }
        var sources: [any EventSource] = []
        let local = inputs.paths.filter {
            !RemoteTarget.isRemote($0) && !KafkaTarget.isKafka($0) && !SummaryFileSource.isSummaries($0)
        }
        for path in inputs.paths where SummaryFileSource.isSummaries(path) {
            sources.append(PooledEventSource(SummaryFileSource(path, symbols: symbols, classLimit: monitor.maxCategories)))
        }
        if !local.isEmpty {
            // Say at once what cannot be read yet (the dashboard says it too, and keeps waiting).
            let check = SourceGroup(inputs: local, options: follow, mapping: inputs.configuration.fields, symbols: symbols)
            for problem in check.problemsForReading() { Output.error("\(problem) (waiting for it)") }
            sources.append(SourceGroup(inputs: local, options: follow, mapping: inputs.configuration.fields, symbols: symbols))
        }
        let targets = try inputs.paths.filter(RemoteTarget.isRemote).map { path in
            guard let target = RemoteTarget(path) else {
                throw AppError("'\(path)' is not a remote source: ssh://[USER@]HOST[:PORT]/PATH-OR-GLOB")
            }
            return target
        }
        if !targets.isEmpty {
            var settings = remote
            settings.follow.backlog = follow.backlog
            sources.append(RemoteEventSource(targets: targets, settings: settings, mapping: inputs.configuration.fields,
                                             symbols: symbols))
        }
        for target in try inputs.kafkaTargets() {
            let source = KafkaSource(target: target, options: inputs.kafkaOptions, mapping: inputs.configuration.fields,
                                     symbols: symbols, featureNames: inputs.configuration.featureNames)
            source.summaryClassLimit = monitor.maxCategories
            sources.append(PooledEventSource(source))
        }
        let emitter = try emitPanes.map {
            try SummaryEmitter(destination: $0, workerName: workerName, kafkaOptions: inputs.kafkaOptions)
        }
        if let listen {
            sources.append(try Self.receiver(listen, inputs: inputs, monitor: monitor, symbols: symbols,
                                             announceWhenReady: jsonInterval != nil))
        }
        try Dashboard.run(session: session, sources: sources, replay: nil,
                          sourceCount: inputs.paths.count + (listen == nil ? 0 : 1), display: display,
                          jsonInterval: jsonInterval, configuration: inputs.configuration, emitter: emitter)
    }

    /// The HTTP receiver, bound (so a port in use is an error now, before the dashboard).
    /// "listening on" is said once requests are taken (`announceWhenReady`, for `--no-tui`:
    /// scripts wait for it), else now, before the dashboard takes the terminal.
    static func receiver(_ listen: ReceiverConfiguration, inputs: Inputs, monitor: MonitorConfiguration,
                         symbols: SymbolTable, announceWhenReady: Bool = false) throws -> ReceiverEventSource {
        // Inference halves wait like labels do, but a response is not held back for more than
        // a minute waiting for its request.
        let ingest = NetworkIngest(mapping: inputs.configuration.fields, symbols: symbols,
                                   featureNames: inputs.configuration.featureNames,
                                   joinTTL: min(monitor.labelTTL, 60), joinCapacity: monitor.maxPending)
        let receiver = HTTPReceiver(configuration: listen, ingest: ingest)
        let address: String
        do {
            address = try receiver.bind()
        } catch {
            throw AppError("\(error)")
        }
        let scheme = listen.tlsCertificate == nil ? "http" : "https"
        let auth = listen.token == nil ? "no token" : "bearer token required"
        let announcement = "listening on \(scheme)://\(address) (POST /v1/events, GET /metrics, /v1/report, /healthz; \(auth))"
        let source = ReceiverEventSource(receiver)
        if announceWhenReady { source.announcement = announcement } else { Output.error(announcement) }
        return source
    }
}

/// `modeltop replay` and `modeltop demo`: recorded logs in event time.
public struct Replay {
    public var inputs: Inputs
    public var monitor: MonitorConfiguration
    /// Event seconds per wall second (infinity: as fast as possible).
    public var speed: Double
    public var loop: Bool
    public var display: DisplaySettings
    public var jsonInterval: Double?

    public init(inputs: Inputs, monitor: MonitorConfiguration, speed: Double, loop: Bool, display: DisplaySettings,
                jsonInterval: Double?) {
        self.inputs = inputs
        self.monitor = monitor
        self.speed = speed
        self.loop = loop
        self.display = display
        self.jsonInterval = jsonInterval
    }

    public func run() throws {
        let symbols = SymbolTable()
        let session = try inputs.session(monitor, symbols: symbols)
        try inputs.checkReadable(symbols: symbols)
        let control = ReplayControl(.init(speed: speed))
        if let path = inputs.paths.first(where: SummaryFileSource.isSummaries) {
            throw AppError("\(path): pane summaries are merged by watch and report, not replayed")
        }
        // Kafka topics: read to their high watermarks (each loop again), after the files.
        let options = inputs.kafkaOptions, mapping = inputs.configuration.fields, names = inputs.configuration.featureNames
        let readers: [ReplaySource.Reader] = try inputs.kafkaTargets().map { target in
            guard !target.carriesSummaries else { throw AppError("panes+kafka:// is merged by watch and report, not replayed") }
            return { deliver in
                do {
                    try KafkaSource(target: target, options: options, mapping: mapping, symbols: symbols, featureNames: names)
                        .readToEnd(deliver)
                } catch {
                    throw AppError("kafka: \(error)")
                }
            }
        }
        let source = ReplaySource(inputs: inputs.paths.filter { !KafkaTarget.isKafka($0) }, readers: readers,
                                  mapping: inputs.configuration.fields, symbols: symbols, loop: loop, control: control)
        try Dashboard.run(session: session, sources: [ReplayEventSource(source, control: control)], replay: control,
                          sourceCount: inputs.paths.count, display: display, jsonInterval: jsonInterval,
                          configuration: inputs.configuration)
    }
}

/// Wiring shared by `watch` and `replay`: signals to the mailbox, then the dashboard on the
/// terminal or the JSON lines.
enum Dashboard {
    static func run(session: Session, sources: [any EventSource], replay: ReplayControl?, sourceCount: Int,
                    display: DisplaySettings, jsonInterval: Double?, configuration: Configuration = Configuration(),
                    emitter: SummaryEmitter? = nil) throws {
        let mailbox = Mailbox<LoopControl>()
        SignalWatcher.start { mailbox.send(control: .signal($0)) }
        let notifier = display.onAlert.map { AlertNotifier(command: $0) { mailbox.send(control: .notice($0)) } }
        if let jsonInterval {
            var loop = JSONLinesLoop(interval: jsonInterval)
            loop.notifier = notifier
            loop.emitter = emitter
            let ending = try loop.run(session: session, sources: sources, mailbox: mailbox).ending
            if case .signal(let signal) = ending { throw AppError.interrupted(by: signal) }
            return
        }
        // Kept choices, then the --config file's [display], then the command line.
        var warnings: [String] = []
        let kept = PreferencesStore.load(warnings: &warnings)
        let preferences: Preferences
        do {
            preferences = kept.overridden(by: try PreferencesStore.parse(configuration.display, file: configuration.file))
        } catch {
            throw AppError("bad configuration: \(error)")
        }
        for warning in warnings { Output.error(warning) }
        var options = DashboardLoop.Options()
        options.theme = display.theme ?? preferences.theme ?? "default"
        options.themes = Themes.available
        options.preferences = preferences
        options.bell = display.bell
        options.notifier = notifier
        options.savePreferences = { chosen in
            var next = chosen
            next.hiddenColumns = kept.hiddenColumns  // columns are chosen in the file only
            try PreferencesStore.save(next)
        }
        // Frame timings for Benchmarks/frames.sh: a line per frame (time, seconds, events).
        if let path = getenv("MODELTOP_FRAME_LOG").map({ String(cString: $0) }) {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if fd >= 0 {
                options.frameLog = { f in
                    let line = "\(Format.fixed(f.time, digits: 4)) \(Format.fixed(f.seconds, digits: 6)) \(f.events)\n"
                    try? SystemCall.writeAll(Array(line.utf8), to: fd)
                }
            }
        }
        let terminal = NcursesTerminal(ascii: display.ascii, monochrome: display.monochrome)
        let loop = DashboardLoop(terminal: terminal, options: options, loadTheme: Themes.load)
        let result: (session: Session, ending: DashboardLoop.Ending, warnings: [String])
        do {
            result = try loop.run(session: session, sources: sources, replay: replay, sourceCount: sourceCount, mailbox: mailbox)
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError("\(error)")
        }
        for warning in result.warnings { Output.error(warning) }
        switch result.ending {
        case .quit: return
        case .signal(let signal): throw AppError.interrupted(by: signal)
        case .hangUp: throw AppError.interrupted(by: SIGHUP)
        }
    }
}
