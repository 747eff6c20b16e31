import Synchronization
import VigilKafka

/// Commits input positions inside the producer's transaction (``ProcessingGuarantee/exactlyOnce``).
///
/// Each commit sends the positions to the open transaction
/// (`rd_kafka_send_offsets_to_transaction`), commits it (the outputs, dead letters and changelog
/// records produced since the previous commit become visible to `read_committed` consumers
/// together with those positions), commits the same positions to the group directly (so lag
/// monitoring and checkpoint validation see them even where a cluster does not store
/// transactional offsets, such as the embedded one), and begins the next transaction.
///
/// A failed transactional call is fatal for the run: the outputs since the last commit may be
/// aborted while the lanes' state already reflects them, so the engine must stop and restart
/// from the committed state. ``failure`` says why.
final class TransactionalCommitter: OffsetCommitting {
    private let producer: KafkaProducer
    private let consumer: KafkaConsumer
    private let timeout: Duration
    private let failureBox = Mutex<String?>(nil)

    /// Why transactions stopped, `nil` while they work.
    var failure: String? { failureBox.withLock { $0 } }

    /// Creates a committer over a producer whose transactions are initialized and begun.
    init(producer: KafkaProducer, consumer: KafkaConsumer, timeout: Duration) {
        self.producer = producer
        self.consumer = consumer
        self.timeout = timeout
    }

    /// Registers the transactional id (fencing an older instance with the same id, whose open
    /// transaction is aborted) and begins the first transaction.
    func start() throws {
        try producer.initTransactions(timeout: timeout)
        try producer.beginTransaction()
    }

    func commit(_ positions: [KafkaTopicPartition: Int64]) throws {
        if let failure { throw EngineError(failure) }
        do {
            try producer.sendOffsetsToTransaction(positions, consumer: consumer, timeout: timeout)
            try producer.commitTransaction(timeout: timeout)
        } catch {
            failureBox.withLock { $0 = "the transaction could not be committed: \(error)" }
            throw error
        }
        try? consumer.commit(positions)
        do { try producer.beginTransaction() } catch {
            failureBox.withLock { $0 = "the next transaction could not begin: \(error)" }
            throw error
        }
    }

    /// Aborts the open transaction (on shutdown after a failure, or with nothing left to commit).
    func abort() {
        try? producer.abortTransaction(timeout: timeout)
    }
}
