import Foundation
import Logging
import VigilKafka

/// Rebuilds a shard's state from the topology's changelog partitions.
///
/// It reads each operator's partition of the shard from its first stored offset to its end.
/// The state restored is that of the newest checkpoint generation complete in every partition
/// (each holds that generation's marker or a newer one): key records of newer generations (a
/// writer stopped half-way) are left out and reported as unsure, and the resume positions are
/// those of that generation's marker. Tombstones delete keys. Used on the consumer thread while
/// partitions are assigned.
struct ChangelogRestorer {
    /// A shard's state as its changelog holds it.
    struct Restored {
        /// The state, its positions and the changelog position to write on from.
        var state: PartitionState
        /// Operator → keys written by an incomplete generation (to be written again).
        var unsure: [String: Set<String>]
        /// Records read.
        var records: Int
        /// Bytes of keys and values read.
        var bytes: Int
    }

    /// The consumer configuration used for reading (no group membership, no commits).
    let kafka: KafkaConfiguration
    let configuration: ChangelogConfiguration
    let logger: Logger

    /// Each partition's offsets now.
    func watermarks(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartition: KafkaWatermarks] {
        let consumer = try makeConsumer()
        defer { consumer.close() }
        var marks: [KafkaTopicPartition: KafkaWatermarks] = [:]
        for partition in partitions { marks[partition] = try consumer.watermarks(partition, timeout: .seconds(10)) }
        return marks
    }

    /// Reads the changelog partitions of `shard` (operator → topic) and rebuilds its state;
    /// `nil` when they hold no complete checkpoint.
    /// - Throws: ``ChangelogError`` when a partition cannot be read in time or lost records a
    ///   restore needs.
    /// - Parameter warm: Operator → a log already read up to some offset (a standby's copy); the
    ///   restore reads on from there. Ignored for a partition whose retention deleted records the
    ///   copy has not read.
    func restore(shard: Int32, operators: [(name: String, topic: String)], marks: [KafkaTopicPartition: KafkaWatermarks], warm: [String: ChangelogPartitionLog] = [:]) throws -> Restored? {
        var logs: [String: ChangelogPartitionLog] = [:]
        var records = 0
        var bytes = 0
        let pending = operators.filter { op in marks[KafkaTopicPartition(topic: op.topic, partition: shard)].map { $0.high > $0.low } ?? false }
        guard !pending.isEmpty else { return nil }
        let consumer = try makeConsumer()
        defer { consumer.close() }
        var starts: [KafkaTopicPartition: Int64] = [:]
        var remaining: [KafkaTopicPartition: String] = [:]
        for op in pending {
            let partition = KafkaTopicPartition(topic: op.topic, partition: shard)
            let mark = marks[partition]!
            if let copy = warm[op.name], copy.isComplete(low: mark.low), copy.nextOffset >= mark.low, copy.nextOffset <= mark.high {
                logs[op.name] = copy
                starts[partition] = copy.nextOffset
                if copy.nextOffset < mark.high { remaining[partition] = op.name }
            } else {
                logs[op.name] = ChangelogPartitionLog(readingFrom: mark.low)
                starts[partition] = mark.low
                remaining[partition] = op.name
            }
        }
        if !remaining.isEmpty { try consumer.assign(Array(remaining.keys), startOffsets: starts) }
        let deadline = ContinuousClock.now.advanced(by: configuration.restoreTimeout)
        var nameOfPartition = remaining
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw ChangelogError("restoring shard \(shard) timed out after \(configuration.restoreTimeout) with \(remaining.keys.sorted().map(\.description).joined(separator: ", ")) not read to the end; check the brokers, or raise engine.changelog_restore_timeout")
            }
            for message in consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100)) {
                let partition = message.topicPartition
                guard let name = nameOfPartition[partition] else { continue }
                records += 1
                bytes += (message.key?.count ?? 0) + (message.value?.count ?? 0)
                try logs[name]!.apply(message)
                if message.offset + 1 >= marks[partition]!.high { remaining[partition] = nil }
            }
            // Under read_committed the last offsets may be transaction markers, never delivered.
            for partition in remaining.keys where consumer.endReached(partition) != nil { remaining[partition] = nil }
        }
        nameOfPartition.removeAll()

        // The newest generation every partition completed.
        let complete = ChangelogPartitionLog.completeGeneration(Array(logs.values))
        let newest = logs.values.map(\.newestGeneration).max() ?? 0
        var operatorsState: [String: [String: [UInt8]]] = [:]
        var unsure: [String: Set<String>] = [:]
        var position = ChangelogPosition(generation: newest)
        var resume: ChangelogMarker?
        for op in pending {
            let partition = KafkaTopicPartition(topic: op.topic, partition: shard)
            let log = logs[op.name]!
            if let last = log.markers.last, last.marker.fullCopyStart >= 0, log.readFrom > last.marker.fullCopyStart {
                throw ChangelogError("the changelog \(partition) no longer holds offsets \(last.marker.fullCopyStart)..<\(log.readFrom) of the last full copy of the state (deleted by retention); use cleanup.policy=compact on changelog topics")
            }
            let (keys, incomplete) = log.state(upTo: complete)
            operatorsState[op.name] = keys
            if !incomplete.isEmpty { unsure[op.name] = incomplete }
            let last = log.markers.last?.marker
            position.logs[op.name] = ChangelogLog(end: marks[partition]!.high, fullCopyStart: last?.fullCopyStart ?? -1, bytesSinceFullCopy: last?.bytesSinceFullCopy ?? 0)
            if resume == nil { resume = log.markers.last(where: { $0.marker.generation == complete })?.marker }
        }
        guard complete > 0, let resume else {
            logger.warning("the changelog of shard \(shard) holds no complete checkpoint (a first write was interrupted); its state is rebuilt from the input")
            return Restored(state: PartitionState(positions: [:], maxEventTimes: [:], operators: [:], changelog: position), unsure: logs.mapValues(\.allKeys), records: records, bytes: bytes)
        }
        let state = PartitionState(positions: resume.positions, maxEventTimes: resume.maxEventTimes, operators: operatorsState, changelog: position)
        return Restored(state: state, unsure: unsure, records: records, bytes: bytes)
    }

    private func makeConsumer() throws -> KafkaConsumer {
        var kafka = self.kafka
        kafka.properties["enable.partition.eof"] = "true"
        // Records of aborted transactions (exactly-once writers) are not state.
        kafka.properties["isolation.level"] = "read_committed"
        return try KafkaConsumer(configuration: kafka, groupID: "vigil-changelog-restore", logger: logger)
    }
}

/// A changelog could not be read or written; the message says what and how to fix it.
public struct ChangelogError: Error, CustomStringConvertible, Sendable {
    /// What failed.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
