/// How the engine keeps its state in changelog topics. Every field has a documented default.
public struct ChangelogConfiguration: Sendable, Equatable {
    /// Whether state is written to changelog topics and restored from them. Default `true`
    /// (with a checkpoint store; an engine without one keeps no state to log).
    public var enabled: Bool
    /// A full copy of a shard's state is written once the bytes written since the last one exceed
    /// the state's size or this floor, whichever is larger. Default 64 KiB (small states are not
    /// copied on every checkpoint).
    public var minimumFullCopyBytes: Int64
    /// How long a changelog write may wait for the brokers' acknowledgements. Default 30 s.
    public var writeTimeout: Duration
    /// How long a restore may read a shard's changelog before it gives up. Default 5 min.
    public var restoreTimeout: Duration
    /// The largest changelog record: the producer's `message.max.bytes` for changelog writes and
    /// the topics' `max.message.bytes`. Default 64 MiB (one key's state is one record, and a
    /// topology with one key per stage, such as the ring stage, holds it all in one).
    public var maximumRecordBytes: Int
    /// Warm copies kept of other instances' shards: 0 (default) or 1. With 1 the instance
    /// follows the changelogs of every shard it does not own (librdkafka's assignors cannot
    /// place copies), so a shard moving here is restored from the records written since, at the
    /// cost of holding the whole topology's state in memory.
    public var standbyReplicas: Int

    /// Creates a configuration.
    public init(
        enabled: Bool = Defaults.enabled,
        minimumFullCopyBytes: Int64 = Defaults.minimumFullCopyBytes,
        writeTimeout: Duration = Defaults.writeTimeout,
        restoreTimeout: Duration = Defaults.restoreTimeout,
        standbyReplicas: Int = Defaults.standbyReplicas,
        maximumRecordBytes: Int = Defaults.maximumRecordBytes
    ) {
        self.maximumRecordBytes = maximumRecordBytes
        self.standbyReplicas = standbyReplicas
        self.enabled = enabled
        self.minimumFullCopyBytes = minimumFullCopyBytes
        self.writeTimeout = writeTimeout
        self.restoreTimeout = restoreTimeout
    }

    /// The defaults, defined once.
    public enum Defaults {
        /// Whether state is kept in changelog topics: `true`.
        public static let enabled = true
        /// Warm copies of other instances' shards: 0.
        public static let standbyReplicas = 0
        /// Floor of the bytes written between two full copies: 64 KiB.
        public static let minimumFullCopyBytes: Int64 = 64 * 1024
        /// Longest wait for a changelog write's acknowledgements: 30 s.
        public static let writeTimeout: Duration = .seconds(30)
        /// Largest changelog record: 64 MiB.
        public static let maximumRecordBytes = 64 * 1024 * 1024
        /// Longest restore of one shard: 5 min.
        public static let restoreTimeout: Duration = .seconds(300)
    }
}
