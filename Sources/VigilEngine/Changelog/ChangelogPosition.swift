/// Where one shard's changelog partitions stood after a checkpoint was written to them.
///
/// The local checkpoint records it, so that on assignment the engine can tell whether the local
/// copy is still the newest state of the shard (every changelog partition ends exactly where it
/// says) or another instance has written newer state since (restore from the changelog).
public struct ChangelogPosition: Sendable, Equatable {
    /// The shard's checkpoint generation: increases by one with every checkpoint written to the
    /// changelog, whoever writes it.
    public var generation: UInt64
    /// Operator name → its changelog partition for the shard.
    public var logs: [String: ChangelogLog]

    /// Creates a position.
    public init(generation: UInt64, logs: [String: ChangelogLog] = [:]) {
        self.generation = generation
        self.logs = logs
    }
}

/// One operator's changelog partition for one shard, as the writer left it.
public struct ChangelogLog: Sendable, Equatable {
    /// The offset after the checkpoint marker that ended the last write.
    public var end: Int64
    /// The offset of the first record of the last complete full copy of the state, or -1 when
    /// that copy was empty. Everything needed to restore lies at or after it, so a log whose
    /// retention deleted records before it is still complete.
    public var fullCopyStart: Int64
    /// Bytes of keys and values written after that full copy. A new full copy is written once
    /// this exceeds the state's own size, so the log a restore reads stays within about twice
    /// the state even where the brokers do not compact it.
    public var bytesSinceFullCopy: Int64

    /// Creates a log position.
    public init(end: Int64, fullCopyStart: Int64, bytesSinceFullCopy: Int64) {
        self.end = end
        self.fullCopyStart = fullCopyStart
        self.bytesSinceFullCopy = bytesSinceFullCopy
    }
}
