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

    /// Creates shard state.
    public init(positions: [KafkaTopicPartition: Int64], maxEventTimes: [KafkaTopicPartition: Int64], operators: [String: [String: [UInt8]]]) {
        self.positions = positions
        self.maxEventTimes = maxEventTimes
        self.operators = operators
    }
}

/// Encodes ``PartitionState`` for `PartitionCheckpoint.state`.
public enum PartitionStateCodec {
    private static let magic: UInt16 = 0x5650 // "VP"

    /// Encodes partition state (operators and keys in sorted order, so equal state encodes equally).
    public static func encode(_ state: PartitionState) -> [UInt8] {
        var writer = StateWriter()
        writer.write(magic)
        writer.write(UInt8(2))
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
        return writer.bytes
    }

    /// Decodes bytes made by ``encode(_:)``.
    public static func decode(_ bytes: [UInt8]) throws -> PartitionState {
        var reader = StateReader(bytes)
        guard try reader.read(UInt16.self, "partition state magic") == magic else {
            throw StateDecodingError(field: "partition state magic", offset: 0, reason: .corrupt("not a Vigil partition checkpoint"))
        }
        guard try reader.readUInt8("partition state version") == 2 else {
            throw StateDecodingError(field: "partition state version", offset: 2, reason: .corrupt("written by an older Vigil; delete the checkpoint file to start over"))
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
        try reader.expectEnd(after: "partition state")
        return PartitionState(positions: positions, maxEventTimes: maxEventTimes, operators: operators)
    }
}
