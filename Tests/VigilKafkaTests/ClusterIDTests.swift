import Testing
import VigilKafka

@Suite("Cluster id")
struct ClusterIDTests {
    @Test("the embedded cluster reports a cluster id, and two clusters report different ones")
    func embeddedClusterID() throws {
        let first = try EmbeddedKafkaCluster(brokers: 1)
        let second = try EmbeddedKafkaCluster(brokers: 1)
        try first.createTopic("t", partitions: 1)
        try second.createTopic("t", partitions: 1)
        let a = try KafkaConsumer(configuration: first.consumerConfiguration(), groupID: "g")
        let b = try KafkaConsumer(configuration: second.consumerConfiguration(), groupID: "g")
        let idA = try #require(a.clusterID())
        let idB = try #require(b.clusterID())
        #expect(!idA.isEmpty)
        #expect(idA != idB, "two clusters must be told apart")
        a.close()
        b.close()
    }
}
