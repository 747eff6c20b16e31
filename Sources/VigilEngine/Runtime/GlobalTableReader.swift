import Foundation
import Logging
import VigilKafka

/// Reads every partition of a (typically compacted) topic from the beginning, on every instance,
/// and hands each record to `apply`, then keeps following it: a table every lane can read, such
/// as a brand registry. Not part of the consumer group: each instance sees all of it.
public final class GlobalTableReader: @unchecked Sendable {
    private let consumer: KafkaConsumer
    private let topic: String
    private let apply: @Sendable (KafkaConsumerMessage) -> Void
    private let running = Mutex(false)
    private let done = DispatchSemaphore(value: 0)
    private let logger: Logger

    /// Starts following `topic` on a dedicated thread.
    /// - Parameters:
    ///   - apply: Called for every record in order, on the reader's thread.
    public init(topic: String, kafka: KafkaConfiguration, logger: Logger = Logger(label: "vigil.global-table"), apply: @escaping @Sendable (KafkaConsumerMessage) -> Void) throws {
        self.topic = topic
        self.apply = apply
        self.logger = logger
        consumer = try KafkaConsumer(configuration: kafka.with("auto.offset.reset", "earliest"), groupID: "vigil-global-\(topic)-\(UUID().uuidString)", logger: logger)
        let known = try consumer.topics()
        guard let metadata = known.first(where: { $0.name == topic }) else {
            throw EngineError("global table topic '\(topic)' does not exist; create it (compacted) before starting")
        }
        let partitions = (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        try consumer.assign(partitions, startOffsets: Dictionary(uniqueKeysWithValues: partitions.map { ($0, Int64(-2)) })) // RD_KAFKA_OFFSET_BEGINNING
        running.withLock { $0 = true }
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                for message in consumer.poll(maxMessages: 1000, timeout: .milliseconds(200)) { self.apply(message) }
            }
            done.signal()
        }
        thread.name = "vigil-global-\(topic)"
        thread.start()
    }

    /// Stops following the topic.
    public func stop() {
        guard running.withLock({ state in defer { state = false }; return state }) else { return }
        done.wait()
        consumer.close()
    }

    deinit { stop() }
}

import Synchronization
