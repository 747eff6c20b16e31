import Testing
@testable import VigilKafka

@Suite("Consumer protocol member assignment")
struct ConsumerMemberAssignmentTests {
    /// Kafka's encoding: int16 version, int32 topic count, per topic an int16-length name, an
    /// int32 partition count and int32 partitions, then int32-length user data (-1: none).
    static func encode(version: Int16, _ topics: [(String, [Int32])], userData: [UInt8]? = nil) -> [UInt8] {
        func int16(_ value: Int16) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
        func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
        var bytes = int16(version) + int32(Int32(topics.count))
        for (name, partitions) in topics {
            bytes += int16(Int16(name.utf8.count)) + Array(name.utf8) + int32(Int32(partitions.count))
            for partition in partitions { bytes += int32(partition) }
        }
        bytes += userData.map { int32(Int32($0.count)) + $0 } ?? int32(-1)
        return bytes
    }

    @Test func decodesTopicsAndPartitionsInOrder() throws {
        let bytes = Self.encode(version: 1, [("marketplace.listings", [0, 3]), ("risk.verdicts", [7])], userData: [1, 2, 3])
        let assignment = try ConsumerMemberAssignment(bytes: bytes)
        #expect(assignment.version == 1)
        #expect(assignment.partitions == [
            KafkaTopicPartition(topic: "marketplace.listings", partition: 0),
            KafkaTopicPartition(topic: "marketplace.listings", partition: 3),
            KafkaTopicPartition(topic: "risk.verdicts", partition: 7),
        ])
    }

    @Test func anEmptyAssignmentHoldsNothing() throws {
        #expect(try ConsumerMemberAssignment(bytes: []).partitions.isEmpty)
        #expect(try ConsumerMemberAssignment(bytes: Self.encode(version: 0, [])).partitions.isEmpty)
    }

    @Test func truncatedBytesSayWhereTheyEnd() {
        let bytes = Array(Self.encode(version: 0, [("orders", [1, 2])]).prefix(14))
        let error = #expect(throws: KafkaError.self) { try ConsumerMemberAssignment(bytes: bytes) }
        #expect(error?.message.contains("ends at byte") == true)
    }
}
