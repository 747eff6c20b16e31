/// The state and logic of one operator for the keys of one input partition on one lane.
///
/// The engine creates one processor per (operator, partition, lane) and only ever calls it from
/// that lane's serial queue, so a processor needs no locks. Records arrive in partition order
/// for each key. State must be fully captured by ``snapshot()`` and restored by
/// ``restore(key:state:)`` so checkpoints restore it exactly.
public protocol KeyedProcessor: AnyObject {
    /// Processes one record and emits any outputs through `context`.
    func process(_ record: SourceRecord, context: inout ProcessingContext) throws

    /// The state of every key this processor holds, encoded per key.
    func snapshot() -> [(key: String, state: [UInt8])]

    /// Restores one key's state from ``snapshot()`` bytes.
    func restore(key: String, state: [UInt8]) throws

    /// Forgets keys whose last event time is older than `eventTime`; returns how many were dropped.
    func evictIdle(olderThan eventTime: Int64) -> Int

    /// Number of keys held (for metrics).
    var keyCount: Int { get }
}

/// What a processor may do while handling a record: emit outputs.
public struct ProcessingContext {
    /// Outputs emitted so far for the current record.
    public internal(set) var outputs: [OutputRecord] = []
    /// The topology operator's name.
    public private(set) var operatorName: String
    /// Whether a later record of the batch being processed reaches this processor (same operator,
    /// same partition number) before the lane is idle, and so before any checkpoint or rebalance,
    /// which wait for the lanes to drain. A processor whose output only depends on its latest
    /// state (the ring stage's leads) may leave that work to the batch's last record; the
    /// default, `false`, asks for it now. Set by the engine; tests may set it too.
    public var moreFollowInBatch = false
    /// Whether a later record of the batch with the same key reaches this processor: per-key work
    /// that only reflects the key's latest state (a merchant's reassessment) may wait for it, as
    /// a Kafka Streams record cache coalesces a key's updates. Default `false`.
    public var moreFollowForKey = false

    /// Creates a context (the engine does this; tests may too).
    public init(operatorName: String) { self.operatorName = operatorName }

    /// Clears the outputs for the next record, keeping their storage.
    mutating func reset(operatorName: String, moreFollowInBatch: Bool, moreFollowForKey: Bool) {
        self.operatorName = operatorName
        self.moreFollowInBatch = moreFollowInBatch
        self.moreFollowForKey = moreFollowForKey
        outputs.removeAll(keepingCapacity: true)
    }

    /// Emits a record to a sink of the topology.
    public mutating func emit(_ output: OutputRecord) { outputs.append(output) }
}

/// Builds processors for an operator declared in a topology.
public protocol OperatorFactory: Sendable {
    /// Makes a fresh, empty processor for one partition and lane.
    func makeProcessor() -> any KeyedProcessor
}
