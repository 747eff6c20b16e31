import Foundation
import Logging
import Synchronization
import VigilKafka

/// Warm copies of the changelog partitions of shards this instance does not own
/// (`engine.standby_replicas: 1`), so that a shard moving here is restored from the few records
/// written since, not from its whole changelog.
///
/// librdkafka's assignors cannot place standby copies on chosen instances, so a standby follows
/// every shard the instance does not own: its memory is the state of the whole topology, and one
/// copy per instance is all it can keep. Its own thread reads the changelogs (`read_committed`)
/// and prunes each copy to about one state per key as checkpoints complete.
final class ChangelogStandby: Sendable {
    private struct Followed: Sendable {
        /// Shard → operator → its copy.
        var copies: [Int32: [String: ChangelogPartitionLog]] = [:]
        /// Bumped whenever the followed shards change (the thread then re-assigns).
        var version = 0
    }

    private let kafka: KafkaConfiguration
    /// Operator → changelog topic, with each topic's partition count.
    private let topics: [(name: String, topic: String, partitions: Int32)]
    private let logger: Logger
    private let followed = Mutex(Followed())
    private let running = Atomic<Bool>(true)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts following every shard of `topics` (operator, topic, partitions) but `owned`.
    init(kafka: KafkaConfiguration, topics: [(name: String, topic: String, partitions: Int32)], logger: Logger) throws {
        self.kafka = kafka.with("enable.partition.eof", "false").with("isolation.level", "read_committed")
        self.topics = topics
        self.logger = logger
        let consumer = try KafkaConsumer(configuration: self.kafka, groupID: "vigil-changelog-standby", logger: logger)
        let thread = Thread { [self] in
            follow(with: consumer)
            consumer.close()
            finished.signal()
        }
        thread.name = "vigil-changelog-standby"
        thread.start()
    }

    /// Every shard any changelog has.
    var allShards: Set<Int32> { Set((0..<(topics.map(\.partitions).max() ?? 0)).map { Int32($0) }) }

    /// Starts (or goes on) keeping copies of `shards`.
    func follow(_ shards: Set<Int32>) {
        followed.withLock { followed in
            for shard in shards where followed.copies[shard] == nil { followed.copies[shard] = [:] }
            followed.version += 1
        }
    }

    /// Stops following `shard` and hands over its copies (operator → log read so far).
    func take(shard: Int32) -> [String: ChangelogPartitionLog] {
        followed.withLock { followed in
            defer { followed.version += 1 }
            return followed.copies.removeValue(forKey: shard) ?? [:]
        }
    }

    /// Stops the thread.
    func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    private func follow(with consumer: KafkaConsumer) {
        var assignedVersion = -1
        var lastPrune = ContinuousClock.now
        while running.load(ordering: .acquiring) {
            let (version, shards, copies) = followed.withLock { ($0.version, Set($0.copies.keys), $0.copies) }
            if version != assignedVersion {
                do {
                    try assign(consumer, shards: shards, copies: copies)
                    assignedVersion = version
                } catch {
                    logger.warning("changelog standby could not follow its partitions (retrying): \(error)")
                    Thread.sleep(forTimeInterval: 1)
                    continue
                }
            }
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            guard !batch.isEmpty || ContinuousClock.now - lastPrune > .seconds(2) else { continue }
            let names = Dictionary(uniqueKeysWithValues: topics.map { ($0.topic, $0.name) })
            followed.withLock { followed in
                for message in batch {
                    // Only copies set up by `assign` (which knows where they start) take records.
                    guard let name = names[message.topic], var copy = followed.copies[message.partition]?[name], message.offset >= copy.nextOffset else { continue }
                    do { try copy.apply(message) } catch { logger.warning("changelog standby: \(error)") }
                    followed.copies[message.partition]![name] = copy
                }
                if ContinuousClock.now - lastPrune > .seconds(2) {
                    for (shard, logs) in followed.copies {
                        let complete = ChangelogPartitionLog.completeGeneration(Array(logs.values))
                        guard complete > 0 else { continue }
                        for name in logs.keys { followed.copies[shard]![name]!.prune(keeping: complete) }
                    }
                }
            }
            if ContinuousClock.now - lastPrune > .seconds(2) { lastPrune = .now }
        }
    }

    /// Assigns the changelog partitions of `shards`, each from where its copy left off (a new
    /// copy from the partition's first stored offset).
    private func assign(_ consumer: KafkaConsumer, shards: Set<Int32>, copies: [Int32: [String: ChangelogPartitionLog]]) throws {
        var partitions: [KafkaTopicPartition] = []
        var starts: [KafkaTopicPartition: Int64] = [:]
        for shard in shards {
            for op in topics where shard < op.partitions {
                let partition = KafkaTopicPartition(topic: op.topic, partition: shard)
                partitions.append(partition)
                if let copy = copies[shard]?[op.name] {
                    starts[partition] = copy.nextOffset
                } else {
                    let low = try consumer.watermarks(partition, timeout: .seconds(10)).low
                    starts[partition] = low
                    followed.withLock { followed in
                        if followed.copies[shard] != nil, followed.copies[shard]![op.name] == nil {
                            followed.copies[shard]![op.name] = ChangelogPartitionLog(readingFrom: low)
                        }
                    }
                }
            }
        }
        try consumer.assign(partitions, startOffsets: starts)
    }
}
