import CRdKafka

extension KafkaProducer {
    /// Learns the partitions and leaders of `topics` before the first record is sent to them.
    ///
    /// librdkafka looks a topic up only when the first record for it is enqueued; with
    /// idempotence it then hands each partition to its leader after draining what is in flight.
    /// On a running stream that holds a topic's first records for hundreds of milliseconds, once
    /// per topic. Call this at start-up for every topic the producer will write to, so the first
    /// records leave as fast as the rest. On a cluster that creates topics on first use, the
    /// lookup creates a missing topic, as the first record would have.
    ///
    /// - Parameters:
    ///   - topics: Topic names; each is looked up with one metadata request.
    ///   - timeout: How long each lookup may take.
    /// - Returns: The topics the cluster does not know (yet): their first records will still wait
    ///   for a lookup, or fail if the cluster does not create topics on first use.
    /// - Throws: ``KafkaError`` with kind `.admin` when the cluster cannot be asked at all.
    @discardableResult
    public func prepare(topics: some Sequence<String>, timeout: Duration = .seconds(10)) throws -> [String] {
        var unknown: [String] = []
        for name in Set(topics).sorted() {
            guard let topic = rd_kafka_topic_new(client.handle, name, nil) else {
                throw KafkaError(.admin, error: rd_kafka_last_error(), context: "creating the local handle of topic \(name)")
            }
            // The topic object stays in the client after the handle is released; its partitions
            // are now known and delegated to their leaders.
            defer { rd_kafka_topic_destroy(topic) }
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(client.handle, 0, topic, &metadata, Int32(timeout.milliseconds))
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                throw KafkaError(.admin, error: err, context: "looking up topic \(name) before producing to it")
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            let found = (0..<Int(metadata.pointee.topic_cnt)).contains { index in
                let entry = metadata.pointee.topics[index]
                return String(cString: entry.topic) == name && entry.err == RD_KAFKA_RESP_ERR_NO_ERROR && entry.partition_cnt > 0
            }
            if !found { unknown.append(name) }
        }
        return unknown
    }
}
