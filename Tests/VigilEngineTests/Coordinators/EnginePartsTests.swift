import Testing
import VigilKafka
import VigilState
@testable import VigilEngine

/// `PartitionProgress`: the committable position moves only past offsets that are done.
@Suite struct PartitionProgressTests {
    @Test func startsAtTheResumePosition() {
        let progress = PartitionProgress(start: 42)
        #expect(progress.committablePosition == 42 && progress.dispatchedPosition == 42 && progress.inFlight == 0)
        #expect(PartitionProgress().committablePosition == nil)
    }

    @Test func movesPastAnOffsetOnlyWhenItAndEveryEarlierOneAreDone() {
        let progress = PartitionProgress(start: 10)
        for offset: Int64 in 10...13 { progress.register(offset) }
        #expect(progress.dispatchedPosition == 14 && progress.inFlight == 4)
        progress.processed(11, outputs: 0)
        progress.processed(12, outputs: 1)
        #expect(progress.committablePosition == 10, "10 is not processed")
        progress.processed(10, outputs: 0)
        #expect(progress.committablePosition == 12, "12's output is unacknowledged")
        progress.delivered(12)
        #expect(progress.committablePosition == 13)
        progress.processed(13, outputs: 0)
        #expect(progress.committablePosition == 14 && progress.inFlight == 0)
    }

    @Test func gapsInOffsetsAreFine() {
        let progress = PartitionProgress()
        progress.register(5)
        progress.register(9)
        progress.processed(9, outputs: 0)
        progress.processed(5, outputs: 0)
        #expect(progress.committablePosition == 10)
        progress.delivered(77)
        progress.processed(3, outputs: 0)
        #expect(progress.committablePosition == 10, "unknown offsets are ignored")
    }

    @Test func aFailureFreezesThePositionAndKeepsTheFirstReason() {
        let progress = PartitionProgress()
        progress.register(0)
        progress.register(1)
        progress.processed(0, outputs: 1)
        progress.failed(0, reason: "first")
        progress.failed(1, reason: "second")
        progress.delivered(0)
        progress.processed(1, outputs: 0)
        #expect(progress.committablePosition == nil)
        #expect(progress.failure == "output of offset 0 was not delivered: first")
    }
}

/// `PartitionStateCodec`: round trips, stable bytes, clear errors.
@Suite struct PartitionStateCodecTests {
    let state = PartitionState(
        positions: [KafkaTopicPartition(topic: "b", partition: 3): 9, KafkaTopicPartition(topic: "a", partition: 3): 120],
        maxEventTimes: [KafkaTopicPartition(topic: "a", partition: 3): 1_700_000_000_000],
        operators: ["windows": ["m-1": [1, 2, 3], "m-2": []], "rings": ["r": [255]]]
    )

    @Test func roundTrips() throws {
        #expect(try PartitionStateCodec.decode(PartitionStateCodec.encode(state)) == state)
        let empty = PartitionState(positions: [:], maxEventTimes: [:], operators: [:])
        #expect(try PartitionStateCodec.decode(PartitionStateCodec.encode(empty)) == empty)
    }

    @Test("state with a changelog position encodes as version 3 and round-trips; without one it stays version 2")
    func roundTripsWithChangelogPosition() throws {
        var logged = state
        logged.changelog = ChangelogPosition(generation: 7, logs: ["windows": ChangelogLog(end: 120, fullCopyStart: 40, bytesSinceFullCopy: 900), "rings": ChangelogLog(end: 3, fullCopyStart: -1, bytesSinceFullCopy: 0)])
        let bytes = PartitionStateCodec.encode(logged)
        #expect(bytes[2] == 3)
        #expect(PartitionStateCodec.encode(state)[2] == 2)
        #expect(try PartitionStateCodec.decode(bytes) == logged)
        #expect(throws: StateDecodingError.self) { try PartitionStateCodec.decode(Array(bytes.dropLast())) }
    }

    @Test func equalStateEncodesEquallyWhateverTheInsertionOrder() {
        var reordered = PartitionState(positions: [:], maxEventTimes: state.maxEventTimes, operators: [:])
        for (key, value) in state.positions.sorted(by: { $0.key > $1.key }) { reordered.positions[key] = value }
        reordered.operators["rings"] = state.operators["rings"]
        reordered.operators["windows"] = state.operators["windows"]
        #expect(PartitionStateCodec.encode(reordered) == PartitionStateCodec.encode(state))
    }

    @Test func pinnedBytes() {
        let small = PartitionState(positions: [KafkaTopicPartition(topic: "t", partition: 1): 2], maxEventTimes: [:], operators: [:])
        let bytes = PartitionStateCodec.encode(small)
        #expect(Array(bytes.prefix(3)) == [0x50, 0x56, 2] || Array(bytes.prefix(3)) == [0x56, 0x50, 2], "magic \"VP\" then version 2")
        #expect(bytes == PartitionStateCodec.encode(small))
    }

    @Test func rejectsOtherBytesWithAReason() {
        var bytes = PartitionStateCodec.encode(state)
        #expect(throws: StateDecodingError.self) { try PartitionStateCodec.decode([0, 0, 2]) }
        bytes[2] = 1
        #expect {
            try PartitionStateCodec.decode(bytes)
        } throws: { error in
            String(describing: error).contains("version 1 is not one this Vigil reads")
        }
        #expect(throws: StateDecodingError.self) { try PartitionStateCodec.decode(Array(PartitionStateCodec.encode(state).dropLast())) }
        #expect(throws: StateDecodingError.self) { try PartitionStateCodec.decode(PartitionStateCodec.encode(state) + [0]) }
    }
}

/// `KeyRouter`: a key's lane depends only on the key and the lane count.
@Suite struct KeyRouterTests {
    @Test func aKeysLaneIsItsStableHashModuloTheLaneCount() {
        let router = KeyRouter(laneCount: 8)
        #expect(router.lane(for: "merchant-42") == Int(0xd520_5a16_9270_cbd6 % 8 as UInt64))
        for index in 0..<1_000 {
            let key = "key-\(index)"
            let lane = router.lane(for: key)
            #expect((0..<8).contains(lane))
            #expect(lane == KeyRouter(laneCount: 8).lane(for: key))
        }
        #expect(KeyRouter(laneCount: 1).lane(for: "anything") == 0)
    }

    @Test func keysSpreadOverTheLanes() {
        let router = KeyRouter(laneCount: 4)
        var counts = [Int](repeating: 0, count: 4)
        for index in 0..<4_000 { counts[router.lane(for: "m-\(index)")] += 1 }
        #expect(counts.allSatisfy { $0 > 800 && $0 < 1_200 }, "\(counts)")
    }

    @Test func aDedicatedKeyHasALaneOfItsOwnAndOtherKeysKeepTheirs() {
        let router = KeyRouter(laneCount: 2, dedicatedKeys: ["ring", "global"])
        #expect(router.lane(for: "ring") == 2)
        #expect(router.lane(for: "global") == 3)
        let plain = KeyRouter(laneCount: 2)
        for index in 0..<1_000 {
            let key = "m-\(index)"
            #expect(router.lane(for: key) == plain.lane(for: key))
        }
    }

    @Test func topologyFilesDeclareDedicatedLanesAndBadOnesAreNamed() throws {
        let base = windowTopology(name: "dedicated", input: "in", output: "out", dlq: "dlq", lanes: 2)
        let topology = try TopologyLoader(registry: .standard()).load(yaml: "dedicated_lanes: [ring]\n" + base)
        #expect(topology.laneCount == 2 && topology.dedicatedLaneKeys == ["ring"] && topology.totalLaneCount == 3)
        do {
            _ = try TopologyLoader(registry: .standard()).load(yaml: "dedicated_lanes: [ring, ring]\n" + base)
            Issue.record("a key listed twice was accepted")
        } catch {
            #expect("\(error)".contains("dedicated_lanes[1]") && "\(error)".contains("listed twice"), "\(error)")
        }
    }
}

/// `DeadLetters`: what a dead letter and a late copy carry.
@Suite struct DeadLettersTests {
    let message = KafkaConsumerMessage(topic: "in", partition: 2, offset: 17, key: Array("k".utf8), value: Array("v".utf8), headers: [KafkaHeader(key: "trace", string: "t1")])

    @Test func aDeadLetterKeepsTheRecordAndSaysWhereItCameFromAndWhy() {
        let letter = DeadLetters(topic: "dlq", lateTopic: nil).deadLetter(message, reason: "bad json")
        #expect(letter.topic == "dlq" && letter.key == message.key && letter.value == message.value)
        #expect(letter.headers.map(\.key) == ["trace", "dlq.reason", "dlq.topic", "dlq.partition", "dlq.offset"])
        #expect(letter.headers.map(\.stringValue) == ["t1", "bad json", "in", "2", "17"])
    }

    @Test func aLateCopyGoesToTheLateTopicIfThereIsOne() throws {
        #expect(DeadLetters(topic: "dlq", lateTopic: nil).lateCopy(message, watermark: 5, eventTime: 3) == nil)
        let copy = try #require(DeadLetters(topic: "dlq", lateTopic: "late").lateCopy(message, watermark: 5, eventTime: 3))
        #expect(copy.topic == "late" && copy.value == message.value)
        #expect(copy.headers.suffix(2).map(\.stringValue) == ["5", "3"])
        #expect(copy.headers.suffix(2).map(\.key) == ["late.watermark", "late.event_time"])
    }
}

/// `BatchLookahead`: which records of a lane batch have a later one for the same processor
/// (``ProcessingContext/moreFollowInBatch``) and for the same key (``ProcessingContext/moreFollowForKey``).
@Suite struct BatchLookaheadTests {
    func item(_ topic: String, _ partition: Int32, _ offset: Int64, key: String = "k") -> LaneItem {
        let raw = KafkaConsumerMessage(topic: topic, partition: partition, offset: offset, key: nil, value: [], headers: [])
        let origin = RecordOrigin(partition: KafkaTopicPartition(topic: topic, partition: partition), offset: offset)
        return LaneItem(record: SourceRecord(source: topic, key: key, eventTime: 0, payload: 0, origin: origin), raw: raw, tracker: PartitionProgress(), ingestNanos: 0)
    }

    /// Operator 0 reads sources a and b (co-partitioned), operator 1 reads b only.
    func operators(_ source: String) -> [Int] { source == "a" ? [0] : [0, 1] }

    @Test func aProcessorSeesAnotherRecordOfTheBatchFromAnyOfItsSources() {
        let batch = [item("a", 0, 1), item("b", 0, 1), item("a", 1, 1), item("a", 0, 2), item("b", 1, 2)]
        let lookahead = BatchLookahead(batch, operators: operators)
        #expect((0..<5).map { lookahead.moreFollow(record: $0, operator: 0) } == [true, true, true, false, false])
        #expect(lookahead.moreFollow(record: 1, operator: 1) == false, "operator 1 reads no later record of partition 0")
        #expect(BatchLookahead([item("a", 0, 1)], operators: operators).moreFollow(record: 0, operator: 0) == false)
    }

    @Test func aKeyFollowsOnlyWithTheSameKeyAndProcessor() {
        let batch = [item("a", 0, 1, key: "m1"), item("a", 0, 2, key: "m2"), item("b", 0, 3, key: "m1"), item("a", 1, 4, key: "m2"), item("b", 0, 5, key: "m1")]
        let lookahead = BatchLookahead(batch, operators: operators)
        #expect((0..<5).map { lookahead.moreFollowForKey(record: $0, operator: 0) } == [true, false, true, false, false])
        #expect(lookahead.moreFollowForKey(record: 2, operator: 1) == true, "operator 1 sees m1 again at record 4")
    }
}
