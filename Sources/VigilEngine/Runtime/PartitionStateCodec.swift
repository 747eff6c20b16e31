import VigilState

/// The state of one input partition as the engine checkpoints it: the partition's highest event
/// time seen (its watermark source) and, per operator, every key's encoded state.
///
/// Keys are stored independently of lanes, so a checkpoint restores correctly with any lane count.
public struct PartitionState: Sendable, Equatable {
    /// Highest event time seen on the partition, or `nil` before the first record.
    public var maxEventTime: Int64?
    /// Operator name → (key → encoded key state).
    public var operators: [String: [String: [UInt8]]]

    /// Creates partition state.
    public init(maxEventTime: Int64?, operators: [String: [String: [UInt8]]]) {
        self.maxEventTime = maxEventTime
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
        writer.write(UInt8(1))
        writer.write(state.maxEventTime != nil)
        writer.write(state.maxEventTime ?? 0)
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
        _ = try reader.readUInt8("partition state version")
        let hasMax = try reader.readBool("has max event time")
        let maxEventTime = try reader.readInt64("max event time")
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
        return PartitionState(maxEventTime: hasMax ? maxEventTime : nil, operators: operators)
    }
}
