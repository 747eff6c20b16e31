/// A consumer group member's assignment as the group coordinator holds it: the consumer
/// protocol's `MemberAssignment` (version, then per topic its name and partition numbers, then
/// user data), big-endian as Kafka writes it.
struct ConsumerMemberAssignment: Equatable {
    /// The assignment's protocol version.
    var version: Int16
    /// The partitions assigned, in the order the bytes list them.
    var partitions: [KafkaTopicPartition]

    /// Decodes `bytes`; an empty assignment (a member between rebalances) holds no partitions.
    /// - Throws: ``KafkaError`` naming the offset where the bytes stop making sense.
    init(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            self.version = 0
            self.partitions = []
            return
        }
        var reader = BigEndianReader(bytes: bytes)
        version = try reader.int16()
        var partitions: [KafkaTopicPartition] = []
        let topicCount = try reader.int32()
        for _ in 0..<max(topicCount, 0) {
            let topic = try reader.string()
            let partitionCount = try reader.int32()
            for _ in 0..<max(partitionCount, 0) {
                partitions.append(KafkaTopicPartition(topic: topic, partition: try reader.int32()))
            }
        }
        // The user data that follows (int32 length, bytes) carries nothing ownership needs.
        self.partitions = partitions
    }
}

/// Reads big-endian integers and int16-length strings from Kafka protocol bytes.
private struct BigEndianReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func int16() throws -> Int16 { Int16(bitPattern: UInt16(try take(2))) }
    mutating func int32() throws -> Int32 { Int32(bitPattern: UInt32(try take(4))) }

    mutating func string() throws -> String {
        let length = Int(try int16())
        guard length >= 0, offset + length <= bytes.count else { throw truncated("a topic name of \(length) bytes") }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    private mutating func take(_ count: Int) throws -> UInt64 {
        guard offset + count <= bytes.count else { throw truncated("\(count) more bytes") }
        defer { offset += count }
        return bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private func truncated(_ wanted: String) -> KafkaError {
        KafkaError(.admin, message: "a group member's assignment (\(bytes.count) bytes) ends at byte \(offset) where \(wanted) should follow; is the group using the consumer protocol?")
    }
}
