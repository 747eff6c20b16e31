import VigilKafka
import VigilState

/// The record that ends one checkpoint's writes in an operator's changelog partition.
///
/// Key states are written first, each with the checkpoint's generation in the
/// ``ChangelogMarker/generationHeader`` header; then every operator's partition gets a marker
/// with the same generation, the input positions the state reflects and the log's full-copy
/// bookkeeping. A restore trusts key states only up to the newest generation whose marker every
/// operator's partition holds, so a writer killed half-way leaves nothing half-applied.
public struct ChangelogMarker: Sendable, Equatable {
    /// The record key of markers. It starts with a NUL byte, which no key from a topology's
    /// inputs holds, so it never collides with an operator's keys (and compaction keeps the
    /// newest marker).
    public static let key = "\u{0}vigil.checkpoint"
    /// The header that carries a record's checkpoint generation (8 bytes, big-endian).
    public static let generationHeader = "vigil.generation"

    private static let magic: UInt16 = 0x5643 // "VC"

    /// The checkpoint generation the marker completes.
    public var generation: UInt64
    /// Input partition → next offset to read: where processing resumes after a restore.
    public var positions: [KafkaTopicPartition: Int64]
    /// Input partition → highest event time seen.
    public var maxEventTimes: [KafkaTopicPartition: Int64]
    /// See ``ChangelogLog/fullCopyStart``.
    public var fullCopyStart: Int64
    /// See ``ChangelogLog/bytesSinceFullCopy``.
    public var bytesSinceFullCopy: Int64

    /// Creates a marker.
    public init(generation: UInt64, positions: [KafkaTopicPartition: Int64], maxEventTimes: [KafkaTopicPartition: Int64], fullCopyStart: Int64, bytesSinceFullCopy: Int64) {
        self.generation = generation
        self.positions = positions
        self.maxEventTimes = maxEventTimes
        self.fullCopyStart = fullCopyStart
        self.bytesSinceFullCopy = bytesSinceFullCopy
    }

    /// The marker's record value.
    public func encoded() -> [UInt8] {
        var writer = StateWriter()
        writer.write(Self.magic)
        writer.write(UInt8(1))
        writer.write(generation)
        writer.write(fullCopyStart)
        writer.write(bytesSinceFullCopy)
        writer.writeLength(positions.count)
        for (partition, position) in positions.sorted(by: { $0.key < $1.key }) {
            writer.write(partition.topic)
            writer.write(partition.partition)
            writer.write(position)
            writer.write(maxEventTimes[partition] != nil)
            writer.write(maxEventTimes[partition] ?? 0)
        }
        return writer.bytes
    }

    /// Decodes a marker's record value.
    public init(decoding bytes: [UInt8]) throws {
        var reader = StateReader(bytes)
        _ = try reader.readHeader("changelog marker", magic: Self.magic, maximumVersion: 1)
        generation = try reader.readUInt64("marker generation")
        fullCopyStart = try reader.readInt64("marker full copy start")
        bytesSinceFullCopy = try reader.readInt64("marker bytes since full copy")
        positions = [:]
        maxEventTimes = [:]
        for _ in 0..<(try reader.readLength("marker position count")) {
            let partition = KafkaTopicPartition(topic: try reader.readString("marker topic"), partition: try reader.readInt32("marker partition"))
            positions[partition] = try reader.readInt64("marker position")
            let hasMax = try reader.readBool("marker has max event time")
            let maxEventTime = try reader.readInt64("marker max event time")
            if hasMax { maxEventTimes[partition] = maxEventTime }
        }
        try reader.expectEnd(after: "changelog marker")
    }

    /// A generation as a header value.
    static func header(_ generation: UInt64) -> KafkaHeader {
        KafkaHeader(key: generationHeader, value: withUnsafeBytes(of: generation.bigEndian, Array.init))
    }

    /// The generation a record carries, `nil` when it has none (not written by Vigil).
    static func generation(of message: KafkaConsumerMessage) -> UInt64? {
        guard let value = message.header(generationHeader)?.value, value.count == 8 else { return nil }
        return value.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
