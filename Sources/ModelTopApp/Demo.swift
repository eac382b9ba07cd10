import Foundation
import ModelTopCore
import ModelTopSystem

/// `modeltop demo`: the recorded demo traffic, with its scripted incidents.
public struct Demo {
    public var speed: Double
    public var loop: Bool
    public var display: DisplaySettings
    public var jsonInterval: Double?

    public init(speed: Double, loop: Bool, display: DisplaySettings, jsonInterval: Double?) {
        self.speed = speed
        self.loop = loop
        self.display = display
        self.jsonInterval = jsonInterval
    }

    /// The demo-data folder: $MODELTOP_DEMO_DATA, ./demo-data, next to the executable (or
    /// above it in a build tree), or in the install prefix's `share/modeltop`.
    public static func dataDirectory() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["MODELTOP_DEMO_DATA"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/demo-data")
        candidates += Executable.dataCandidates(named: "demo-data")
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/labels.jsonl") }) else {
            throw AppError("no demo data (looked in \(candidates.joined(separator: ", "))); run from the repository, or set MODELTOP_DEMO_DATA")
        }
        return found
    }

    /// Fifteen-minute panes (each holds enough predictions of every model to be judged), two
    /// of them in the window, six hours of history.
    public static var monitor: MonitorConfiguration {
        var c = MonitorConfiguration()
        c.paneSeconds = 900
        c.panes = 24
        c.window = 2
        return c
    }

    public func run() throws {
        let directory = try Self.dataDirectory()
        let inputs = Inputs(paths: ["eu-1", "eu-2", "us-2", "labels"].map { "\(directory)/\($0).jsonl" },
                            references: ["fraud", "churn", "price", "ranker"].map { "\(directory)/reference/\($0).jsonl" })
        try Replay(inputs: inputs, monitor: Self.monitor, speed: speed, loop: loop, display: display,
                   jsonInterval: jsonInterval).run()
    }
}
