import Dispatch
import Synchronization
import VigilKafka

/// One serial Dispatch queue and the processors of the keys routed to it.
///
/// All keys with the same lane index are processed here, in partition order, so processors need
/// no locks. ``shards`` is only touched on ``queue``; that is what makes the `@unchecked` sound.
final class Lane: @unchecked Sendable {
    /// The lane's index.
    let index: Int
    /// The serial queue every record of this lane runs on.
    let queue: DispatchQueue
    /// Records queued but not yet processed (the lane's backpressure gauge).
    let pending = Atomic<Int>(0)
    /// Partition → operator name → processor. Only touched on ``queue``.
    private var shards: [KafkaTopicPartition: [String: any KeyedProcessor]] = [:]

    init(index: Int) {
        self.index = index
        self.queue = DispatchQueue(label: "vigil.lane.\(index)", qos: .userInitiated)
    }

    /// The processor of an operator for a partition, created on first use. Call on ``queue``.
    func processor(_ op: Topology.Operator, partition: KafkaTopicPartition) -> any KeyedProcessor {
        if let existing = shards[partition]?[op.name] { return existing }
        let created = op.factory.makeProcessor()
        shards[partition, default: [:]][op.name] = created
        return created
    }

    /// Every key's state of a partition, per operator. Call on ``queue``.
    func snapshot(_ partition: KafkaTopicPartition) -> [String: [(key: String, state: [UInt8])]] {
        (shards[partition] ?? [:]).mapValues { $0.snapshot() }
    }

    /// Forgets a partition's processors. Call on ``queue``.
    func drop(_ partition: KafkaTopicPartition) {
        shards[partition] = nil
    }

    /// Evicts idle keys of a partition. Call on ``queue``.
    func evictIdle(_ partition: KafkaTopicPartition, olderThan eventTime: Int64) -> Int {
        (shards[partition] ?? [:]).values.reduce(0) { $0 + $1.evictIdle(olderThan: eventTime) }
    }

    /// Keys held across partitions and operators. Call on ``queue``.
    var keyCount: Int { shards.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.keyCount } } }
}
