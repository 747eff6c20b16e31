/// Told about partition ownership changes of a ``KafkaConsumer`` before they take effect.
///
/// Both methods run on the thread that is polling the consumer (inside ``KafkaConsumer/poll(maxMessages:timeout:)``
/// or ``KafkaConsumer/close()``), so the listener can finish in-flight work and commit while it still
/// owns the partitions. They must not call `poll` themselves.
public protocol KafkaRebalanceListener: Sendable {
    /// The group gave these partitions to this consumer; fetching starts when this returns.
    /// - Returns: start offsets that override the group's committed offsets (for example offsets
    ///   restored from a local checkpoint); partitions not in the result start at the committed offset.
    func consumer(_ consumer: KafkaConsumer, willAssign partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64]

    /// The group is taking these partitions away; commit what is done before returning.
    func consumer(_ consumer: KafkaConsumer, willRevoke partitions: [KafkaTopicPartition])
}

/// A listener that records nothing and changes nothing.
public struct NoRebalanceListener: KafkaRebalanceListener {
    /// Creates the listener.
    public init() {}
    /// Resumes every assigned partition from its committed offset (no overrides).
    public func consumer(_ consumer: KafkaConsumer, willAssign partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] { [:] }
    /// Does nothing.
    public func consumer(_ consumer: KafkaConsumer, willRevoke partitions: [KafkaTopicPartition]) {}
}
