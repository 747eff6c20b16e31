/// How a ``CheckpointStore`` opens its database.
public struct CheckpointStoreConfiguration: Hashable, Sendable {
    /// How long a write waits for another connection's lock before failing. Default: 5 seconds.
    public var busyTimeout: Duration
    /// Whether to run `PRAGMA synchronous = FULL` (every commit reaches the disk, surviving a
    /// power cut) instead of `NORMAL` (survives a process crash; the last commits may be lost
    /// on power loss, which a replay from Kafka repairs). Default: `false` (NORMAL).
    public var fullSync: Bool

    /// Creates a configuration; see the properties for the defaults.
    public init(busyTimeout: Duration = .seconds(5), fullSync: Bool = false) {
        self.busyTimeout = busyTimeout
        self.fullSync = fullSync
    }
}
