import ArgumentParser
import Foundation
import VigilKafka
import VigilOps

/// Copies topics to JSONL files while the demo runs (one record value per line), so that a topic
/// the embedded cluster trims (about 5 MiB per partition) is read before it is trimmed. Used for
/// `vigil demo --feature-log FILE` (vigil.feature-log) and `--labels FILE` (marketplace.labels).
///
/// A ``VigilOps/BlockingRunnable``: the demo runs it in its service group as an
/// ``VigilOps/EngineService`` (on its own thread), ahead of the engine, so that the group's
/// graceful shutdown stops it last: once stopped it takes what is left, closes the files and
/// the consumer, and returns.
final class TopicExporter: BlockingRunnable, @unchecked Sendable {
    private let consumer: KafkaConsumer
    private let files: [String: FileHandle]
    private let lock = NSLock()
    private var stopping = false
    private var counts: [String: Int] = [:]

    /// Creates each file of `targets` (topic → file path) and subscribes to its topic, read from
    /// the beginning once ``run()`` is called.
    /// - Throws: `ValidationError` when a file cannot be created; Kafka errors.
    init(configuration: KafkaConfiguration, targets: [String: String]) throws {
        var files: [String: FileHandle] = [:]
        for (topic, path) in targets {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw ValidationError("cannot create \(path) for \(topic); pass a path in a directory you can write to")
            }
            files[topic] = handle
        }
        self.files = files
        consumer = try KafkaConsumer(configuration: configuration, groupID: "vigil-demo-export-\(UUID().uuidString)")
        try consumer.subscribe(topics: Array(targets.keys).sorted())
    }

    /// Records written to `topic`'s file so far.
    func count(_ topic: String) -> Int { lock.withLock { counts[topic, default: 0] } }

    /// Copies until ``stop()``, then takes what is left and closes the files and the consumer.
    func run() {
        while !lock.withLock({ stopping }) { drain(timeout: .milliseconds(100)) }
        drain(timeout: .milliseconds(500))
        for handle in files.values { try? handle.close() }
        consumer.close()
    }

    /// Asks ``run()`` to take what is left and finish.
    func stop() { lock.withLock { stopping = true } }

    private func drain(timeout: Duration) {
        while true {
            let batch = consumer.poll(maxMessages: 10_000, timeout: timeout)
            if batch.isEmpty { return }
            var buffers: [String: Data] = [:]
            for message in batch {
                guard let value = message.value else { continue }
                buffers[message.topic, default: Data()].append(contentsOf: value)
                buffers[message.topic, default: Data()].append(0x0A)
            }
            for (topic, data) in buffers {
                files[topic]?.write(data)
                let lines = data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                lock.withLock { counts[topic, default: 0] += lines }
            }
        }
    }
}
