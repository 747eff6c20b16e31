import VigilState
import VigilPrimitives

/// The engine's generic keyed operator (`type: window-aggregate`): per key, sliding event-time
/// windows over one numeric field, emitting the key's aggregates after every record.
///
/// Config:
/// - `value_field`: numeric field of ``JSONFields`` to aggregate; default: none (each record counts 1).
/// - `distinct_field`: string field whose distinct values are counted (HyperLogLog); optional.
/// - `windows`: list like `["1h", "24h/1h", "7d"]` (RANGE or RANGE/BUCKET); default `["1h", "24h", "7d"]`.
/// - `aggregates`: subset of `count, sum, min, max, mean, variance, distinct, last`; default all.
/// - `sink`: the sink to emit to; default the operator's first declared sink.
/// - `emit`: `every_record` (default) or `never` (keep the windows as state only).
///
/// Output value: `{"key":…,"offset":…,"event_time":…,"late":false,"windows":{"1h":{"count":…,…},…}}`, keyed by key.
/// Late records (older than the watermark) are emitted with `"late":true` and leave windows unchanged.
public enum WindowAggregateOperator {
    /// Builds processors for one declared operator.
    public struct Factory: OperatorFactory {
        let specs: [WindowSpec]
        let kinds: AggregateKinds
        let valueField: String?
        let distinctField: String?
        let sink: String
        let allowedLatenessMs: Int64
        let emitsOutputs: Bool

        /// Reads and validates the operator's config.
        public init(context: OperatorBuildContext) throws {
            let config = context.config
            allowedLatenessMs = context.allowedLatenessMs
            switch try config.string("emit", default: "every_record") {
            case "every_record": emitsOutputs = true
            case "never": emitsOutputs = false
            case let other: throw ConfigError(path: "\(config.path).emit", message: "unknown emit mode '\(other)'", hint: "use every_record or never")
            }
            valueField = config.values["value_field"] == nil ? nil : try config.string("value_field")
            distinctField = config.values["distinct_field"] == nil ? nil : try config.string("distinct_field")
            let windowTexts = try config.strings("windows", default: ["1h", "24h", "7d"])
            var specs: [WindowSpec] = []
            for (index, text) in windowTexts.enumerated() {
                do { specs.append(try WindowSpec(parsing: text)) } catch {
                    throw ConfigError(path: "\(config.path).windows[\(index)]", message: error.message, hint: error.hint)
                }
            }
            self.specs = specs
            let names: [String: AggregateKinds] = [
                "count": .count, "sum": .sum, "min": .min, "max": .max, "mean": .mean,
                "variance": .variance, "distinct": .distinct, "last": .last,
            ]
            var kinds: AggregateKinds = []
            for (index, name) in try config.strings("aggregates", default: Array(names.keys)).enumerated() {
                guard let kind = names[name] else {
                    throw ConfigError(path: "\(config.path).aggregates[\(index)]", message: "unknown aggregate '\(name)'", hint: "use \(names.keys.sorted().joined(separator: ", "))")
                }
                kinds.insert(kind)
            }
            self.kinds = kinds
            guard let sink = try config.values["sink"] == nil ? context.declaration.sinks?.first : config.string("sink") else {
                throw ConfigError(path: "\(config.path).sink", message: "no sink to emit to", hint: "declare `sinks: [name]` on the operator")
            }
            self.sink = sink
        }

        /// A processor with its own keyed windows, for one lane.
        public func makeProcessor() -> any KeyedProcessor { Processor(factory: self) }

        /// The windows of a key that has seen no record yet.
        func emptyWindows() -> [SlidingWindow] {
            specs.map { SlidingWindow(spec: $0, kinds: kinds) }
        }
    }

    final class Processor: KeyedProcessor {
        let factory: Factory
        var windows: [String: [SlidingWindow]] = [:]

        init(factory: Factory) { self.factory = factory }

        var keyCount: Int { windows.count }

        func process(_ record: SourceRecord, context: inout ProcessingContext) throws {
            guard let fields = record.payload as? JSONFields else {
                throw DecodeError("window-aggregate needs the json decoder's payload, got \(type(of: record.payload))")
            }
            let value: Double
            if let field = factory.valueField {
                guard let number = fields.numbers[field] else { throw DecodeError("field '\(field)' is missing or not a number") }
                value = number
            } else {
                value = 1
            }
            guard !record.isLate else {
                // A late record leaves the windows unchanged (and creates none for a new key).
                if factory.emitsOutputs {
                    let keyWindows = windows[record.key] ?? factory.emptyWindows()
                    context.emit(OutputRecord(sink: factory.sink, key: record.key, value: render(record, keyWindows)))
                }
                return
            }
            let distinct = factory.distinctField.flatMap { fields.strings[$0] }.map { StableHash.hash($0) }
            // Mutated in place through the dictionary: copying the windows out and back would
            // copy every bucket array of the key (copy-on-write) on every record.
            let factory = self.factory
            var rendered: [UInt8]?
            Self.update(&windows[record.key, default: factory.emptyWindows()]) { keyWindows in
                for index in keyWindows.indices {
                    _ = keyWindows[index].add(value: value, distinctHash: distinct, at: record.eventTime)
                    if factory.emitsOutputs { keyWindows[index].prepareSnapshot() }
                }
                if factory.emitsOutputs { rendered = render(record, keyWindows) }
            }
            if let rendered {
                context.emit(OutputRecord(sink: factory.sink, key: record.key, value: rendered))
            }
        }

        /// Runs `body` on storage reached through an accessor, so that it is mutated in place.
        private static func update(_ keyWindows: inout [SlidingWindow], _ body: (inout [SlidingWindow]) -> Void) {
            body(&keyWindows)
        }

        private func render(_ record: SourceRecord, _ keyWindows: [SlidingWindow]) -> [UInt8] {
            var json = JSONWriter(capacity: 128 + 160 * keyWindows.count)
            // A late record is reported against the partition's newest event time, not its own.
            let asOf = record.isLate ? record.watermark &+ factory.allowedLatenessMs : record.eventTime
            // Keys are written fused with their punctuation: one append per key, not four.
            json.raw(#"{"key":"#); json.string(record.key)
            json.raw(#","offset":"#); json.int(record.origin.offset)
            json.raw(#","event_time":"#); json.int(record.eventTime)
            json.raw(record.isLate ? #","late":true,"windows":{"# : #","late":false,"windows":{"#)
            for index in keyWindows.indices {
                let aggregate = keyWindows[index].snapshot(asOf: asOf)
                if index > 0 { json.raw(",") }
                json.string(keyWindows[index].spec.name)
                json.raw(#":{"count":"#); json.int(Int64(aggregate.count))
                if let v = aggregate.sum { json.raw(#","sum":"#); json.double(v) }
                if let v = aggregate.min { json.raw(#","min":"#); json.double(v) }
                if let v = aggregate.max { json.raw(#","max":"#); json.double(v) }
                if let v = aggregate.mean { json.raw(#","mean":"#); json.double(v) }
                if let v = aggregate.variance { json.raw(#","variance":"#); json.double(v) }
                if let v = aggregate.distinct { json.raw(#","distinct":"#); json.int(Int64(v)) }
                if let v = aggregate.last { json.raw(#","last":"#); json.double(v.value) }
                json.raw("}")
            }
            json.raw("}}")
            return json.bytes
        }

        func snapshot() -> [(key: String, state: [UInt8])] {
            windows.map { key, keyWindows in
                var writer = StateWriter()
                writer.writeLength(keyWindows.count)
                for window in keyWindows { writer.write(window) }
                return (key, writer.bytes)
            }
        }

        func restore(key: String, state: [UInt8]) throws {
            var reader = StateReader(state)
            let count = try reader.readLength("window count")
            var restored: [SlidingWindow] = []
            for _ in 0..<count { restored.append(try reader.read(SlidingWindow.self)) }
            try reader.expectEnd(after: "windows of \(key)")
            windows[key] = restored
        }

        func evictIdle(olderThan eventTime: Int64) -> Int {
            let before = windows.count
            windows = windows.filter { _, keyWindows in
                keyWindows.contains { ($0.latestBucketStartMs ?? .min) + $0.spec.bucketMs > eventTime }
            }
            return before - windows.count
        }
    }
}
