import Testing
@testable import VigilKafka

@Suite("Configuration")
struct KafkaConfigurationTests {
    @Test("an unknown property fails at construction with librdkafka's message")
    func unknownProperty() {
        let configuration = KafkaConfiguration(properties: ["no.such.property": "1"])
        #expect {
            _ = try KafkaProducer(configuration: configuration)
        } throws: { error in
            let kafkaError = error as? KafkaError
            return kafkaError?.kind == .configuration
                && kafkaError!.message.contains("no.such.property")
                && kafkaError!.message.contains("No such configuration property")
        }
    }

    @Test("a bad value fails at construction with librdkafka's message")
    func badValue() {
        let configuration = KafkaConfiguration(properties: ["linger.ms": "forever"])
        #expect {
            _ = try KafkaConsumer(configuration: configuration, groupID: "g")
        } throws: { error in
            let kafkaError = error as? KafkaError
            return kafkaError?.kind == .configuration && kafkaError!.message.contains("linger.ms") && kafkaError!.message.contains("forever")
        }
    }

    @Test("incompatible settings fail when the client is created")
    func incompatible() {
        let configuration = KafkaConfiguration(properties: ["enable.idempotence": "true", "acks": "1"])
        #expect {
            _ = try KafkaProducer(configuration: configuration)
        } throws: { error in
            (error as? KafkaError)?.kind == .clientCreation && (error as! KafkaError).message.contains("acks")
        }
    }

    @Test("secrets never appear in the description")
    func secretsMasked() {
        let configuration = KafkaConfiguration(properties: ["sasl.password": "hunter2", "ssl.key.password": "s3cret", "linger.ms": "5"])
        #expect(!configuration.description.contains("hunter2"))
        #expect(!configuration.description.contains("s3cret"))
        #expect(configuration.description.contains("linger.ms=5"))
        #expect(configuration.description.contains("sasl.password=******"))
    }

    @Test("a rejected secret value is not echoed in the error")
    func secretNotEchoed() {
        let configuration = KafkaConfiguration(properties: ["sasl.mechanisms": "PLAIN", "security.protocol": "nonsense", "sasl.password": "hunter2"])
        #expect {
            _ = try KafkaProducer(configuration: configuration)
        } throws: { error in
            !String(describing: error).contains("hunter2") && String(describing: error).contains("security.protocol")
        }
    }
}
