import CRdKafka

/// An error raised by the Kafka layer, carrying librdkafka's own reason.
///
/// Every case says what failed and, where it can, how to fix it.
public struct KafkaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of operation failed.
    public enum Kind: String, Sendable {
        /// A configuration property is unknown or has a bad value.
        case configuration
        /// The client handle (producer, consumer, admin) could not be created.
        case clientCreation
        /// A message could not be enqueued or was not delivered.
        case produce
        /// Polling, committing, pausing or another consumer operation failed.
        case consume
        /// Subscribing to topics failed.
        case subscribe
        /// A metadata, offset or admin request failed.
        case admin
        /// The embedded cluster failed.
        case embeddedCluster
        /// A timeout elapsed before the operation completed.
        case timeout
        /// A transaction could not be started, committed or aborted.
        case transaction
    }

    /// What kind of operation failed.
    public var kind: Kind
    /// librdkafka's error code (`RD_KAFKA_RESP_ERR_*`), or 0 when the failure did not come with one.
    public var code: Int32
    /// A human-readable explanation including librdkafka's reason.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, code: Int32 = 0, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    init(_ kind: Kind, error: rd_kafka_resp_err_t, context: String) {
        self.kind = kind
        self.code = error.rawValue
        self.message = "\(context): \(String(cString: rd_kafka_err2str(error))) (\(String(cString: rd_kafka_err2name(error))))"
    }

    /// librdkafka's symbolic name for ``code`` (for example `_QUEUE_FULL` or `UNKNOWN_TOPIC_OR_PART`).
    public var codeName: String {
        String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: code)))
    }

    /// The kind and librdkafka's message, e.g. `Kafka timedOut error: …`.
    public var description: String { "Kafka \(kind.rawValue) error: \(message)" }
}
