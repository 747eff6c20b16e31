import Dispatch
import Synchronization
import VigilKafka
import VigilPrimitives

/// One serial Dispatch queue and the processors of the keys routed to it.
///
/// State is sharded by input partition *number*: the contract's topics are co-partitioned, so
/// partition 3 of every input topic carries the same merchants, and one shard holds their state.
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
    /// Told each time the lane finishes a batch (the consumer waits on it while lanes are full).
    let drained: DrainSignal
    /// Shard (input partition number) → operator name → processor. Only touched on ``queue``.
    private var shards: [Int32: [String: any KeyedProcessor]] = [:]

    init(index: Int, drained: DrainSignal) {
        self.index = index
        self.drained = drained
        self.queue = DispatchQueue(label: "vigil.lane.\(index)", qos: .userInitiated)
    }

    /// The processor of an operator for a shard, created on first use. Call on ``queue``.
    func processor(_ op: Topology.Operator, shard: Int32) -> any KeyedProcessor {
        if let existing = shards[shard]?[op.name] { return existing }
        let created = op.factory.makeProcessor()
        shards[shard, default: [:]][op.name] = created
        return created
    }

    /// Every key's state of a shard, per operator. Call on ``queue``.
    func snapshot(_ shard: Int32) -> [String: [(key: String, state: [UInt8])]] {
        (shards[shard] ?? [:]).mapValues { $0.snapshot() }
    }

    /// Forgets a shard's processors. Call on ``queue``.
    func drop(_ shard: Int32) {
        shards[shard] = nil
    }

    /// Evicts idle keys of a shard. Call on ``queue``.
    func evictIdle(_ shard: Int32, olderThan eventTime: Int64) -> Int {
        (shards[shard] ?? [:]).values.reduce(0) { $0 + $1.evictIdle(olderThan: eventTime) }
    }

    /// Keys held across partitions and operators. Call on ``queue``.
    var keyCount: Int { shards.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.keyCount } } }
}

/// Wakes a thread waiting for lanes to make progress, without a lock on the lanes' hot path:
/// a lane signals only while someone waits.
final class DrainSignal: Sendable {
    private let waiting = Atomic<Bool>(false)
    private let semaphore = DispatchSemaphore(value: 0)

    /// Called by a lane after a batch.
    func notify() {
        if waiting.exchange(false, ordering: .acquiringAndReleasing) { semaphore.signal() }
    }

    /// Waits until a lane finishes a batch or `timeout` passes. A signal left over from an
    /// earlier wait makes this one return early, which callers tolerate (they re-check).
    func wait(timeout: Duration) {
        waiting.store(true, ordering: .releasing)
        _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(timeout.wholeNanoseconds)))
        waiting.store(false, ordering: .releasing)
    }
}
