import Dispatch
import Synchronization
import VigilKafka
import VigilPrimitives

/// Writes checkpoints of shards to the topology's changelog topics.
///
/// Per shard and operator it remembers a hash of every key's state as last written (its
/// baseline), so a checkpoint writes only the keys that changed, and a tombstone for each key
/// that is gone (evicted). Records of one checkpoint carry its generation; once every key state
/// is acknowledged, each operator's partition gets a ``ChangelogMarker``. When the bytes written
/// since the last full copy exceed the state's size, the checkpoint writes every key again (a
/// full copy), so a log whose old records the brokers delete or compact still holds all state.
///
/// A failed write leaves the keys it attempted marked unsure: the next checkpoint writes them
/// again (or their tombstones). Generations are never reused. Calls come one at a time (the
/// checkpoint writer's queue, or the consumer thread once that queue is drained).
final class ChangelogWriter: Sendable {
    /// What the writer knows of one shard's changelog partitions.
    struct ShardLog: Sendable {
        /// The last generation written or attempted.
        var generation: UInt64 = 0
        /// Operator → key → hash of the state last written (``unsure`` when unknown).
        var baselines: [String: [String: UInt64]] = [:]
        /// Operator → its partition after the last complete write.
        var logs: [String: ChangelogLog] = [:]
    }

    /// The baseline hash of a key whose written state is unknown: never equal to a real hash.
    static let unsure: UInt64 = 0

    private let producer: KafkaProducer
    private let configuration: ChangelogConfiguration
    /// Operator → changelog topic.
    let topics: [String: String]
    /// Changelog topic → partition count (set once the topics are known).
    private let partitionCounts = Mutex<[String: Int32]>([:])
    private let shards = Mutex<[Int32: ShardLog]>([:])

    /// Creates a writer over `producer` for the changelogs `topics` (operator → topic).
    init(producer: KafkaProducer, topics: [String: String], configuration: ChangelogConfiguration) {
        self.producer = producer
        self.topics = topics
        self.configuration = configuration
    }

    /// Records the changelog topics' partition counts; a shard beyond an operator's count has no
    /// partition of its changelog (that operator holds no state there).
    func setPartitionCounts(_ counts: [String: Int32]) {
        partitionCounts.withLock { $0 = counts }
    }

    /// The operators whose changelog has a partition for `shard`, with their topics.
    func operators(for shard: Int32) -> [(name: String, topic: String)] {
        let counts = partitionCounts.withLock { $0 }
        return topics.sorted(by: { $0.key < $1.key }).filter { shard < (counts[$0.value] ?? 1) }.map { (name: $0.key, topic: $0.value) }
    }

    /// Takes what the changelog of `shard` holds as the baseline (after a restore, or when the
    /// local checkpoint agrees with the changelog). Keys in `unsure` are written again next time.
    func adopt(shard: Int32, operators: [String: [String: [UInt8]]], position: ChangelogPosition, unsure: [String: Set<String>] = [:]) {
        var log = ShardLog(generation: position.generation, logs: position.logs)
        for (name, keys) in operators {
            var baseline: [String: UInt64] = [:]
            baseline.reserveCapacity(keys.count)
            for (key, state) in keys { baseline[key] = Self.hash(state) }
            log.baselines[name] = baseline
        }
        for (name, keys) in unsure {
            for key in keys { log.baselines[name, default: [:]][key] = Self.unsure }
        }
        shards.withLock { $0[shard] = log }
    }

    /// Forgets a shard: its next write starts with a full copy.
    func forget(shard: Int32) {
        _ = shards.withLock { $0.removeValue(forKey: shard) }
    }

    /// Writes the checkpoint `state` of `shard`; returns where its changelog partitions stand.
    /// - Throws: ``KafkaError`` when a record cannot be sent or is not acknowledged in time.
    func write(shard: Int32, state: PartitionState) throws -> ChangelogPosition {
        let generation = shards.withLock { shards -> UInt64 in
            shards[shard, default: ShardLog()].generation += 1
            return shards[shard]!.generation
        }
        let previous = shards.withLock { $0[shard] } ?? ShardLog()
        var plans: [OperatorWrite] = []
        for (name, topic) in operators(for: shard) {
            plans.append(OperatorWrite(name: name, topic: topic, keys: state.operators[name] ?? [:], baseline: previous.baselines[name] ?? [:],
                                       log: previous.logs[name], minimumFullCopyBytes: configuration.minimumFullCopyBytes))
        }
        do {
            let header = ChangelogMarker.header(generation)
            let dataOffsets = try send(plans.enumerated().flatMap { index, plan in
                plan.records.map { (index, KafkaProducerMessage(topic: plan.topic, partition: shard, key: $0.key, value: $0.value, headers: [header])) }
            }, count: plans.count)
            var logs: [String: ChangelogLog] = [:]
            var markers: [(Int, KafkaProducerMessage)] = []
            for (index, plan) in plans.enumerated() {
                let fullCopyStart = plan.fullCopy ? (dataOffsets[index].min() ?? -1) : (plan.log?.fullCopyStart ?? -1)
                let bytesSinceFullCopy = plan.fullCopy ? 0 : (plan.log?.bytesSinceFullCopy ?? 0) + plan.bytes
                logs[plan.name] = ChangelogLog(end: 0, fullCopyStart: fullCopyStart, bytesSinceFullCopy: bytesSinceFullCopy)
                let marker = ChangelogMarker(generation: generation, positions: state.positions, maxEventTimes: state.maxEventTimes,
                                             fullCopyStart: fullCopyStart, bytesSinceFullCopy: bytesSinceFullCopy)
                markers.append((index, KafkaProducerMessage(topic: plan.topic, partition: shard, key: ChangelogMarker.key, value: marker.encoded(), headers: [header])))
            }
            let markerOffsets = try send(markers, count: plans.count)
            for (index, plan) in plans.enumerated() {
                logs[plan.name]?.end = (markerOffsets[index].max() ?? -1) + 1
            }
            let position = ChangelogPosition(generation: generation, logs: logs)
            shards.withLock { shards in
                var log = shards[shard] ?? ShardLog()
                log.logs = logs
                for plan in plans { log.baselines[plan.name] = plan.newBaseline }
                shards[shard] = log
            }
            return position
        } catch {
            // What was attempted may or may not have landed: write it all again next time.
            shards.withLock { shards in
                guard var log = shards[shard] else { return }
                for plan in plans {
                    for record in plan.records { log.baselines[plan.name, default: [:]][record.key] = Self.unsure }
                }
                shards[shard] = log
            }
            throw error
        }
    }

    /// Sends records and waits for every acknowledgement; returns, per group index, the offsets.
    private func send(_ messages: [(Int, KafkaProducerMessage)], count: Int) throws -> [[Int64]] {
        let acknowledged = DispatchGroup()
        let reports = Mutex((offsets: [[Int64]](repeating: [], count: count), failure: KafkaError?.none))
        for (index, message) in messages {
            acknowledged.enter()
            do {
                try producer.send(message) { report in
                    reports.withLock { reports in
                        if let error = report.error { reports.failure = reports.failure ?? error } else { reports.offsets[index].append(report.offset) }
                    }
                    acknowledged.leave()
                }
            } catch {
                acknowledged.leave()
                throw error
            }
        }
        try producer.flush(timeout: configuration.writeTimeout)
        guard acknowledged.wait(timeout: .now() + .milliseconds(Int(configuration.writeTimeout.wholeMilliseconds))) == .success else {
            throw KafkaError(.timeout, code: -1, message: "changelog records were not acknowledged within \(configuration.writeTimeout); check that the brokers are reachable")
        }
        let result = reports.withLock { $0 }
        if let failure = result.failure { throw failure }
        return result.offsets
    }

    /// The baseline hash of a key's state (never ``unsure``).
    static func hash(_ state: [UInt8]) -> UInt64 {
        let hash = FNV1a64.hash(state)
        return hash == unsure ? 1 : hash
    }
}

/// What one checkpoint writes to one operator's changelog partition.
private struct OperatorWrite {
    let name: String
    let topic: String
    /// Key → state (nil: tombstone), in the order they are written.
    var records: [(key: String, value: [UInt8]?)] = []
    /// Whether every key is written (a full copy).
    let fullCopy: Bool
    /// Bytes of keys and values written.
    var bytes: Int64 = 0
    /// The baseline once the write succeeds.
    var newBaseline: [String: UInt64] = [:]
    let log: ChangelogLog?

    init(name: String, topic: String, keys: [String: [UInt8]], baseline: [String: UInt64], log: ChangelogLog?, minimumFullCopyBytes: Int64) {
        self.name = name
        self.topic = topic
        self.log = log
        let stateBytes = keys.reduce(Int64(0)) { $0 + Int64($1.key.utf8.count + $1.value.count) }
        fullCopy = log.map { $0.bytesSinceFullCopy > max(stateBytes, minimumFullCopyBytes) } ?? true
        newBaseline.reserveCapacity(keys.count)
        for (key, state) in keys {
            let hash = ChangelogWriter.hash(state)
            newBaseline[key] = hash
            if fullCopy || baseline[key] != hash {
                records.append((key, state))
                bytes += Int64(key.utf8.count + state.count)
            }
        }
        for key in baseline.keys where keys[key] == nil {
            records.append((key, nil))
            bytes += Int64(key.utf8.count)
        }
    }
}
