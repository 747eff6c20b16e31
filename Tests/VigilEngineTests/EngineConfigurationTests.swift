import Testing
import VigilEngine
import VigilKafka

@Suite("Engine configuration: low-latency settings")
struct EngineConfigurationTests {
    @Test("fetch wait and linger become librdkafka properties unless the Kafka properties set them")
    func latencySettings() {
        let defaults = EngineConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092"))
        #expect(defaults.consumerKafka.properties["fetch.wait.max.ms"] == "10")
        #expect(defaults.producerKafka.properties["linger.ms"] == "5")
        #expect(defaults.alignmentWait == .milliseconds(100))

        let tuned = EngineConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092"), fetchWait: .milliseconds(250), outputLinger: .milliseconds(20))
        #expect(tuned.consumerKafka.properties["fetch.wait.max.ms"] == "250")
        #expect(tuned.producerKafka.properties["linger.ms"] == "20")

        let explicit = EngineConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092", properties: ["fetch.wait.max.ms": "7", "linger.ms": "0"]),
                                           consumerProperties: ["session.timeout.ms": "6000"])
        #expect(explicit.consumerKafka.properties["fetch.wait.max.ms"] == "7", "a property set by the user wins")
        #expect(explicit.consumerKafka.properties["session.timeout.ms"] == "6000")
        #expect(explicit.producerKafka.properties["linger.ms"] == "0")
        #expect(explicit.producerKafka.properties["session.timeout.ms"] == nil, "consumer-only properties stay off the producer")
    }
}
