import Testing
import VigilKafka
import VigilState
@testable import VigilEngine

/// The generic `window-aggregate` operator, driven directly (no Kafka, no lanes).
@Suite struct WindowAggregateOperatorTests {
    func factory(_ config: [String: ConfigValue], sinks: [String]? = ["out"], latenessMs: Int64 = 60_000) throws -> WindowAggregateOperator.Factory {
        let declaration = OperatorDeclaration(name: "agg", type: "window-aggregate", sources: ["in"], sinks: sinks, config: config)
        return try WindowAggregateOperator.Factory(context: OperatorBuildContext(
            declaration: declaration, config: ConfigSection(config, path: "operators[0].config"), allowedLatenessMs: latenessMs, baseDirectory: "."
        ))
    }

    func record(_ key: String, amount: Double?, at time: Int64, offset: Int64 = 0, watermark: Int64 = .min) -> SourceRecord {
        SourceRecord(
            source: "in", key: key, eventTime: time, payload: JSONFields(numbers: amount.map { ["amount": $0] } ?? [:], strings: ["buyer": "b\(offset % 2)"]),
            origin: RecordOrigin(partition: KafkaTopicPartition(topic: "in", partition: 0), offset: offset), watermark: watermark
        )
    }

    func output(_ processor: any KeyedProcessor, _ record: SourceRecord) throws -> String? {
        var context = ProcessingContext(operatorName: "agg")
        try processor.process(record, context: &context)
        return context.outputs.first.map { String(decoding: $0.value, as: UTF8.self) }
    }

    @Test func emitsTheKeysAggregatesAfterEveryRecord() throws {
        let processor = try factory(["value_field": .string("amount"), "windows": .list([.string("1h")]), "aggregates": .list([.string("count"), .string("sum"), .string("max")])]).makeProcessor()
        _ = try output(processor, record("m", amount: 5, at: 1_000))
        let json = try #require(try output(processor, record("m", amount: 7, at: 2_000, offset: 1)))
        #expect(json == #"{"key":"m","offset":1,"event_time":2000,"late":false,"windows":{"1h":{"count":2,"sum":12.0,"max":7.0}}}"#)
        #expect(processor.keyCount == 1)
    }

    @Test func countsRecordsWithoutAValueFieldAndDistinctValues() throws {
        let processor = try factory(["distinct_field": .string("buyer"), "windows": .list([.string("1h")]), "aggregates": .list([.string("count"), .string("distinct")])]).makeProcessor()
        for offset: Int64 in 0..<5 { _ = try output(processor, record("m", amount: nil, at: 1_000 + offset, offset: offset)) }
        let json = try #require(try output(processor, record("m", amount: nil, at: 2_000, offset: 5)))
        #expect(json.contains(#""count":6"#) && json.contains(#""distinct":2"#), "\(json)")
    }

    @Test func aLateRecordLeavesTheWindowsUnchanged() throws {
        let processor = try factory(["value_field": .string("amount"), "windows": .list([.string("1h")]), "aggregates": .list([.string("count")])]).makeProcessor()
        _ = try output(processor, record("m", amount: 1, at: 100_000))
        let late = try #require(try output(processor, record("m", amount: 1, at: 10_000, offset: 1, watermark: 40_000)))
        #expect(late.contains(#""late":true"#) && late.contains(#""count":1"#), "\(late)")
        _ = try output(processor, record("new", amount: 1, at: 10_000, offset: 2, watermark: 40_000))
        #expect(processor.keyCount == 1, "a late record creates no key")
    }

    @Test func aMissingValueIsAnError() throws {
        let processor = try factory(["value_field": .string("amount")]).makeProcessor()
        #expect(throws: DecodeError.self) { _ = try output(processor, record("m", amount: nil, at: 1)) }
    }

    @Test func snapshotsRestoreAndIdleKeysAreEvicted() throws {
        let made = try factory(["value_field": .string("amount"), "windows": .list([.string("1h")]), "aggregates": .list([.string("sum")]), "emit": .string("never")])
        let processor = made.makeProcessor()
        #expect(try output(processor, record("old", amount: 2, at: 1_000)) == nil, "emit: never")
        _ = try output(processor, record("recent", amount: 3, at: 7_200_000))
        let restored = made.makeProcessor()
        for (key, state) in processor.snapshot() { try restored.restore(key: key, state: state) }
        #expect(restored.keyCount == 2)
        #expect(restored.snapshot().sorted { $0.key < $1.key }.map(\.state) == processor.snapshot().sorted { $0.key < $1.key }.map(\.state))
        #expect(restored.evictIdle(olderThan: 3_600_000) == 1)
        #expect(restored.keyCount == 1)
        #expect(throws: StateDecodingError.self) { try restored.restore(key: "bad", state: [1]) }
    }

    @Test func badConfigurationSaysWhereAndHowToFixIt() throws {
        #expect(throws: ConfigError.self) { _ = try factory(["emit": .string("sometimes")]) }
        #expect(throws: ConfigError.self) { _ = try factory(["aggregates": .list([.string("median")])]) }
        #expect(throws: ConfigError.self) { _ = try factory(["windows": .list([.string("forever")])]) }
        #expect(throws: ConfigError.self) { _ = try factory([:], sinks: nil) }
    }
}
