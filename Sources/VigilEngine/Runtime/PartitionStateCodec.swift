import VigilKafka
import VigilState

/// The state of one shard (input partition number) as the engine checkpoints it: for each input
/// topic-partition of the shard, the next offset and the highest event time seen (its watermark
/// source); and, per operator, every key's encoded state as of exactly those positions.
///
/// Keys are stored independently of lanes, so a checkpoint restores correctly with any lane count.
public struct PartitionState: Sendable, Equatable {
    /// Input partition → next offset to read.
    public var positions: [KafkaTopicPartition: Int64]
    /// Input partition → highest event time seen.
    public var maxEventTimes: [KafkaTopicPartition: Int64]
    /// Operator name → (key → encoded key state).
    public var operators: [String: [String: [UInt8]]]
    /// Where the shard's changelog partitions stood when this state was written to them; `nil`
    /// when the engine runs without changelogs (or the state predates them).
    public var changelog: ChangelogPosition?

    /// Creates shard state.
    public init(positions: [KafkaTopicPartition: Int64], maxEventTimes: [KafkaTopicPartition: Int64], operators: [String: [String: [UInt8]]], changelog: ChangelogPosition? = nil) {
        self.positions = positions
        self.maxEventTimes = maxEventTimes
        self.operators = operators
        self.changelog = changelog
    }
}

/// Encodes ``PartitionState`` for `PartitionCheckpoint.state`.
public enum PartitionStateCodec {
    private static let magic: UInt16 = 0x5650 // "VP"

    /// Encodes partition state (operators and keys in sorted order, so equal state encodes equally).
    /// Version 2 without a changelog position, version 3 with one (appended after the operators).
    public static func encode(_ state: PartitionState) -> [UInt8] {
        var writer = StateWriter()
        writer.write(magic)
        writer.write(UInt8(state.changelog == nil ? 2 : 3))
        writer.writeLength(state.positions.count)
        for (partition, position) in state.positions.sorted(by: { $0.key < $1.key }) {
            writer.write(partition.topic)
            writer.write(partition.partition)
            writer.write(position)
            writer.write(state.maxEventTimes[partition] != nil)
            writer.write(state.maxEventTimes[partition] ?? 0)
        }
        writer.writeLength(state.operators.count)
        for (name, keys) in state.operators.sorted(by: { $0.key < $1.key }) {
            writer.write(name)
            writer.writeLength(keys.count)
            for (key, bytes) in keys.sorted(by: { $0.key < $1.key }) {
                writer.write(key)
                writer.write(bytes: bytes)
            }
        }
        if let changelog = state.changelog {
            writer.write(changelog.generation)
            writer.writeLength(changelog.logs.count)
            for (name, log) in changelog.logs.sorted(by: { $0.key < $1.key }) {
                writer.write(name)
                writer.write(log.end)
                writer.write(log.fullCopyStart)
                writer.write(log.bytesSinceFullCopy)
            }
        }
        return writer.bytes
    }

    /// Decodes bytes made by ``encode(_:)``.
    public static func decode(_ bytes: [UInt8]) throws -> PartitionState {
        var reader = StateReader(bytes)
        guard try reader.read(UInt16.self, "partition state magic") == magic else {
            throw StateDecodingError(field: "partition state magic", offset: 0, reason: .corrupt("not a Vigil partition checkpoint"))
        }
        let version = try reader.readUInt8("partition state version")
        guard version == 2 || version == 3 else {
            throw StateDecodingError(field: "partition state version", offset: 2, reason: .corrupt("version \(version) is not one this Vigil reads (2 or 3); delete the checkpoint file to start over (with changelogs, state is restored from them)"))
        }
        var positions: [KafkaTopicPartition: Int64] = [:]
        var maxEventTimes: [KafkaTopicPartition: Int64] = [:]
        for _ in 0..<(try reader.readLength("position count")) {
            let partition = KafkaTopicPartition(topic: try reader.readString("topic"), partition: try reader.readInt32("partition"))
            positions[partition] = try reader.readInt64("position")
            let hasMax = try reader.readBool("has max event time")
            let maxEventTime = try reader.readInt64("max event time")
            if hasMax { maxEventTimes[partition] = maxEventTime }
        }
        var operators: [String: [String: [UInt8]]] = [:]
        let operatorCount = try reader.readLength("operator count")
        for _ in 0..<operatorCount {
            let name = try reader.readString("operator name")
            let keyCount = try reader.readLength("key count")
            var keys: [String: [UInt8]] = [:]
            keys.reserveCapacity(keyCount)
            for _ in 0..<keyCount {
                let key = try reader.readString("key")
                keys[key] = try reader.readBytes("key state")
            }
            operators[name] = keys
        }
        var changelog: ChangelogPosition?
        if version == 3 {
            var position = ChangelogPosition(generation: try reader.readUInt64("changelog generation"))
            for _ in 0..<(try reader.readLength("changelog count")) {
                let name = try reader.readString("changelog operator")
                position.logs[name] = ChangelogLog(
                    end: try reader.readInt64("changelog end"),
                    fullCopyStart: try reader.readInt64("changelog full copy start"),
                    bytesSinceFullCopy: try reader.readInt64("changelog bytes since full copy")
                )
            }
            changelog = position
        }
        try reader.expectEnd(after: "partition state")
        return PartitionState(positions: positions, maxEventTimes: maxEventTimes, operators: operators, changelog: changelog)
    }
}
