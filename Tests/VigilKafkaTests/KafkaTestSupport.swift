import Foundation
import Synchronization
import Testing
@testable import VigilKafka

/// Records rebalance notifications so tests can assert on ownership changes.
final class RecordingRebalanceListener: KafkaRebalanceListener {
    let assigned = Mutex<[KafkaTopicPartition]>([])
    let revoked = Mutex<[KafkaTopicPartition]>([])
    /// Called on revoke before ownership moves (e.g. to commit).
    let onRevoke: @Sendable (KafkaConsumer, [KafkaTopicPartition]) -> Void

    init(onRevoke: @escaping @Sendable (KafkaConsumer, [KafkaTopicPartition]) -> Void = { _, _ in }) {
        self.onRevoke = onRevoke
    }

    func consumer(_ consumer: KafkaConsumer, willAssign partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        assigned.withLock { $0 += partitions }
        return [:]
    }

    func consumer(_ consumer: KafkaConsumer, willRevoke partitions: [KafkaTopicPartition]) {
        onRevoke(consumer, partitions)
        revoked.withLock { $0 += partitions }
    }
}

/// Counts delivery reports from many threads.
final class DeliveryTally: Sendable {
    private let state = Mutex<(delivered: Int, failed: [String])>((0, []))

    func record(_ report: KafkaDeliveryReport) {
        state.withLock { value in
            if let error = report.error { value.failed.append(error.description) } else { value.delivered += 1 }
        }
    }

    var delivered: Int { state.withLock { $0.delivered } }
    var failures: [String] { state.withLock { $0.failed } }
    var total: Int { state.withLock { $0.delivered + $0.failed.count } }
}

/// Polls until `done` says so or the deadline passes; returns everything received.
func pollUntil(_ consumer: KafkaConsumer, timeout: Duration, done: ([KafkaConsumerMessage]) -> Bool) -> [KafkaConsumerMessage] {
    var received: [KafkaConsumerMessage] = []
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline, !done(received) {
        received += consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
    }
    return received
}

/// Waits for a condition, polling the consumer meanwhile so rebalances progress.
func pollWhileWaiting(_ consumers: [KafkaConsumer], timeout: Duration, until condition: () -> Bool) -> [KafkaConsumerMessage] {
    var received: [KafkaConsumerMessage] = []
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline, !condition() {
        for consumer in consumers { received += consumer.poll(maxMessages: 10_000, timeout: .milliseconds(50)) }
    }
    return received
}

/// A unique group or topic name per test.
func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8))" }
