/// What a worker (`watch --no-tui --emit-panes`) says about itself in every block: who it is,
/// how its panes are cut, its event-time clock and its input counts.
public struct WorkerSummary: Sendable, Equatable {
    /// Random per run: a restarted worker is a new instance, whose panes add to its
    /// predecessor's instead of replacing them.
    public var instance: UInt64
    /// `--worker-name`, else host and process id.
    public var name: String
    /// Blocks this instance wrote before this one.
    public var sequence: Int
    /// Wall-clock seconds when the block was written (for "last heard").
    public var wallTime: Double
    public var paneSeconds: Double
    public var sampleLimit: Int?
    public var maxCategories: Int
    /// The worker's event-time clock.
    public var clock: Double?
    public var outOfRange: Int
    public var modelsOverCap: Int
    /// The worker's input counts.
    public var lines: Int
    public var events: Int
    public var malformed: Int

    public init(instance: UInt64, name: String, sequence: Int, wallTime: Double, paneSeconds: Double, sampleLimit: Int?,
                maxCategories: Int, clock: Double?, outOfRange: Int, modelsOverCap: Int, lines: Int, events: Int,
                malformed: Int) {
        self.instance = instance
        self.name = name
        self.sequence = sequence
        self.wallTime = wallTime
        self.paneSeconds = paneSeconds
        self.sampleLimit = sampleLimit
        self.maxCategories = maxCategories
        self.clock = clock
        self.outOfRange = outOfRange
        self.modelsOverCap = modelsOverCap
        self.lines = lines
        self.events = events
        self.malformed = malformed
    }

    func write(to w: inout SummaryWriter) {
        w.varint(instance)
        w.string(name)
        w.count(sequence)
        w.double(wallTime)
        w.double(paneSeconds)
        w.int(sampleLimit ?? -1)
        w.count(maxCategories)
        w.optionalDouble(clock)
        for n in [outOfRange, modelsOverCap, lines, events, malformed] { w.count(n) }
    }

    init(reading r: inout SummaryReader) throws {
        instance = try r.varint()
        name = try r.string()
        sequence = try r.number()
        wallTime = try r.double()
        paneSeconds = try r.double()
        let limit = try r.int()
        sampleLimit = limit < 0 ? nil : limit
        maxCategories = try r.number()
        clock = try r.optionalFiniteDouble("a clock")
        outOfRange = try r.number()
        modelsOverCap = try r.number()
        lines = try r.number()
        events = try r.number()
        malformed = try r.number()
        guard paneSeconds > 0, paneSeconds.isFinite else { throw SummaryFormatError.malformed("pane of \(paneSeconds) s") }
    }
}
