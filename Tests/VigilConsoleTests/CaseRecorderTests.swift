import Foundation
import Testing
import VigilConsole
import VigilKafka
import VigilRisk

/// The recorder reading real topics of an embedded cluster into a real SQLite case store.
@Suite("Case recorder", .serialized)
struct CaseRecorderTests {
    @Test("verdicts, listings and merchant feature rows reach the case store once each; undecodable records are skipped")
    func recordsTopics() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        defer { cluster.shutdown() }
        for topic in ["risk.verdicts", "marketplace.listings", "vigil.feature-log"] { try cluster.createTopic(topic, partitions: 2) }
        let store = try CaseStore(path: temporaryPath("cases.sqlite"))
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "recorder-test"))
        let first = verdict("m1", listing: "l1", score: 91, reasons: ["ocr_price_mismatch"], at: 1_764_000_000_000)
        let second = verdict("m1", listing: nil, score: 88, reasons: ["counterfeit_wording"], at: 1_764_000_100_000)
        let encoder = JSONEncoder()
        for value in [first, second, first] {  // the first one redelivered
            try producer.send(KafkaProducerMessage(topic: "risk.verdicts", key: "m1", value: [UInt8](try encoder.encode(value)))) { _ in }
        }
        try producer.send(KafkaProducerMessage(topic: "risk.verdicts", key: "m1", value: Array("not json".utf8))) { _ in }
        let listing = #"{"event_id":"e1","merchant_id":"m1","ts":1764000000000,"listing_id":"l1","action":"create","title":"Rolex <b>Sub</b>","brand":"Rolex","category":"watches","price":900,"currency":"CNY","stock":2,"image_text_prices":[],"logos":[],"image_hashes":[],"seller":{"store_age_days":3,"template":"basic","verified_id":false,"device_id":"d","ip":"1.2.3.4","wifi_bssid":null}}"#
        try producer.send(KafkaProducerMessage(topic: "marketplace.listings", key: "m1", value: Array(listing.utf8))) { _ in }
        let row = FeatureLogRow(subject: .merchant, merchantID: "m1", eventID: "e1", eventTS: 1_764_000_000_000, modelVersion: "test", score: 88, decision: .intercept,
                                published: true, features: Array(repeating: 1, count: FeatureCatalog.count))
        try producer.send(KafkaProducerMessage(topic: "vigil.feature-log", key: "m1", value: row.encoded())) { _ in }
        try producer.flush(timeout: .seconds(10))
        producer.close()

        let recorder = CaseRecorder(configuration: .init(kafka: cluster.consumerConfiguration(clientID: "recorder"), featureLogTopic: "vigil.feature-log"), cases: store)
        let done = DispatchSemaphore(value: 0)
        Thread { try? recorder.run(); done.signal() }.start()
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < deadline, recorder.recorded + recorder.skipped < 6 { Thread.sleep(forTimeInterval: 0.1) }
        recorder.stop()
        done.wait()

        #expect(recorder.skipped == 1, "the record that is not a verdict")
        let verdicts = try store.verdicts(of: "m1")
        #expect(verdicts.map(\.verdictID) == [second.verdictID, first.verdictID], "each verdict once, newest first")
        #expect(verdicts.first?.reasons.map(\.code) == ["counterfeit_wording"])
        #expect(try store.listings(of: "m1").map(\.title) == ["Rolex <b>Sub</b>"])
        #expect(try store.latestFeatureRow(of: "m1") == row)
        #expect(try store.latestScores(of: ["m1"])["m1"]?.score == 88, "the merchant verdict is the merchant's score")
    }
}
