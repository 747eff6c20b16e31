import Dispatch
import Foundation
import VigilKafka

/// A record on its way through a lane, with the raw message kept for the dead-letter and late paths.
struct LaneItem: Sendable {
    var record: SourceRecord
    var raw: KafkaConsumerMessage
    /// The progress tracker of the record's partition.
    var tracker: PartitionProgress
    var ingestNanos: UInt64
}

/// Runs records on their lane: the late side output, every operator reading the record's source,
/// and the production of their outputs (or dead letters), each tracked in the record's
/// ``PartitionProgress`` until Kafka acknowledges it.
///
/// Immutable and `Sendable`: ``process(_:on:)`` runs on the lanes' queues.
final class LaneExecutor: Sendable {
    private let topology: Topology
    private let operatorsBySource: [String: [Topology.Operator]]
    /// The same operators as indexes into `topology.operators` (for ``BatchLookahead``).
    private let operatorIndexesBySource: [String: [Int]]
    private let producer: KafkaProducer
    private let metrics: EngineMetrics
    /// Output metric handles per topic the engine writes to, resolved once.
    private let outputMetrics: [String: OutputMetrics]
    /// Builds dead letters and late copies.
    let deadLetters: DeadLetters

    /// Creates an executor for a topology's operators, producing with `producer`.
    init(topology: Topology, producer: KafkaProducer, metrics: EngineMetrics) {
        self.topology = topology
        self.producer = producer
        self.metrics = metrics
        self.operatorsBySource = Dictionary(uniqueKeysWithValues: topology.sources.map { source in
            (source.name, topology.operators.filter { $0.sources.contains(source.name) })
        })
        self.operatorIndexesBySource = Dictionary(uniqueKeysWithValues: topology.sources.map { source in
            (source.name, topology.operators.indices.filter { topology.operators[$0].sources.contains(source.name) })
        })
        self.outputMetrics = Dictionary(uniqueKeysWithValues: topology.outputTopics.map { ($0, metrics.outputMetrics(topic: $0)) })
        self.deadLetters = DeadLetters(topic: topology.deadLetterTopic, lateTopic: topology.lateTopic)
    }

    /// Runs on a lane's queue.
    func process(_ items: [LaneItem], on lane: Lane) {
        // Reused for every record of the batch (their storage is allocated once).
        var messages: [(KafkaProducerMessage, Bool)] = []
        var context = ProcessingContext(operatorName: "")
        let lookahead = BatchLookahead(items) { [operatorIndexesBySource] in operatorIndexesBySource[$0] ?? [] }
        for (index, item) in items.enumerated() {
            let record = item.record
            let partition = record.origin.partition
            let offset = record.origin.offset
            messages.removeAll(keepingCapacity: true)
            if record.isLate {
                metrics.recordLate(topic: partition.topic)
                if let copy = deadLetters.lateCopy(item.raw, watermark: record.watermark, eventTime: record.eventTime) {
                    messages.append((copy, false))
                }
            }
            for (position, op) in (operatorsBySource[record.source] ?? []).enumerated() {
                let processor = lane.processor(op, shard: partition.partition)
                context.reset(operatorName: op.name, moreFollowInBatch: lookahead.moreFollow(record: index, operator: position),
                              moreFollowForKey: lookahead.moreFollowForKey(record: index, operator: position))
                do {
                    try processor.process(record, context: &context)
                    for output in context.outputs {
                        guard let topic = topology.sinkTopics[output.sink] else {
                            messages.append((deadLetters.deadLetter(item.raw, reason: "operator '\(op.name)' emitted to unknown sink '\(output.sink)'"), true))
                            continue
                        }
                        messages.append((KafkaProducerMessage(topic: topic, key: output.key, value: output.value, headers: output.headers), false))
                    }
                } catch {
                    messages.append((deadLetters.deadLetter(item.raw, reason: "operator '\(op.name)' rejected the record: \(error)"), true))
                }
            }
            // The tracker travels with the record: it was created on the consumer thread before
            // dispatch and is dropped only after the lanes drained.
            item.tracker.processed(offset, outputs: messages.count)
            for (message, isDeadLetter) in messages {
                send(message, for: offset, tracker: item.tracker, ingestNanos: item.ingestNanos, eventTime: record.eventTime)
                if isDeadLetter { metrics.recordDeadLetter(topic: partition.topic) }
            }
        }
        lane.pending.subtract(items.count, ordering: .relaxed)
        lane.drained.notify()
    }

    /// Consumer thread: a record that could not be decoded goes to the dead-letter topic, tracked
    /// like any output.
    func sendToDeadLetter(_ message: KafkaConsumerMessage, reason: String, tracker: PartitionProgress) {
        tracker.processed(message.offset, outputs: 1)
        metrics.recordDeadLetter(topic: message.topic)
        send(deadLetters.deadLetter(message, reason: reason), for: message.offset, tracker: tracker, ingestNanos: DispatchTime.now().uptimeNanoseconds, eventTime: Int64(Date().timeIntervalSince1970 * 1000))
    }

    private func send(_ message: KafkaProducerMessage, for offset: Int64, tracker: PartitionProgress, ingestNanos: UInt64, eventTime: Int64) {
        let handles = outputMetrics[message.topic] ?? metrics.outputMetrics(topic: message.topic)
        do {
            try producer.send(message, handler: OutputDelivery(offset: offset, tracker: tracker, metrics: handles, ingestNanos: ingestNanos, eventTime: eventTime))
        } catch {
            tracker.failed(offset, reason: String(describing: error))
        }
    }
}

/// Acknowledges one output of an input record (producer's poller thread): the input offset's
/// progress, and the output's metrics.
private final class OutputDelivery: KafkaDeliveryHandler, @unchecked Sendable {
    let offset: Int64
    let tracker: PartitionProgress
    let metrics: OutputMetrics
    let ingestNanos: UInt64
    let eventTime: Int64

    init(offset: Int64, tracker: PartitionProgress, metrics: OutputMetrics, ingestNanos: UInt64, eventTime: Int64) {
        self.offset = offset
        self.tracker = tracker
        self.metrics = metrics
        self.ingestNanos = ingestNanos
        self.eventTime = eventTime
    }

    override func didDeliver(_ report: KafkaDeliveryReport) {
        if let error = report.error {
            tracker.failed(offset, reason: error.description)
        } else {
            tracker.delivered(offset)
            metrics.recordDelivery(ingestNanos: ingestNanos, eventTime: eventTime)
        }
    }
}
