import Foundation
import VigilKafka
import VigilRisk
import VigilTestSupport

/// A fresh directory's file path for one test.
func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-console-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// The repository root (three levels above this file).

/// Where test artefacts (screenshots) go: `.build/test-artifacts/console/`, never committed.
let artifactDirectory: URL = {
    let directory = repositoryRoot.appendingPathComponent(".build/test-artifacts/console")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}()

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A ring snapshot for tests.
func snapshot(_ ringID: String, merchants: [String], score: Int = 80, updatedAt: Int64 = 1_764_000_000_000,
              links: [LeadLink]? = nil, shipFrom: [ShipFromCount] = [ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 40)]) -> Lead {
    Lead(ringID: ringID, merchants: merchants.sorted(),
                 links: links ?? [LeadLink(identifier: .payoutAccount, valueHash: "pay-\(ringID)", merchants: merchants)],
                 shipFrom: shipFrom, score: score,
                 evidence: merchants.map { LeadEvidence(merchantID: $0, eventID: "ev-\($0)", reasonCode: "ocr_price_mismatch") }, updatedAt: updatedAt)
}

/// A listing verdict for tests.
func verdict(_ merchant: String, listing: String?, score: Int, reasons: [String], at time: Int64) -> Verdict {
    Verdict(subject: listing.map { .listing($0) } ?? .merchant, merchantID: merchant, score: score, decision: score >= 80 ? .intercept : score >= 50 ? .review : .allow,
            reasons: reasons.enumerated().map { VerdictReason(code: $0.element, detail: "why \($0.element)", weight: Double(10 - $0.offset)) },
            modelVersion: "test", eventID: "ev-\(merchant)-\(listing ?? "m")-\(time)", eventTS: time, decidedAt: time)
}

/// Reads every record of `topic` from the beginning (direct assignment, no group) until
/// `done` holds or `timeout` passes.
func readTopic(_ topic: String, configuration: KafkaConfiguration, timeout: Duration = .seconds(30),
               until done: ([KafkaConsumerMessage]) -> Bool) throws -> [KafkaConsumerMessage] {
    let consumer = try KafkaConsumer(configuration: configuration, groupID: "console-test-\(UUID().uuidString)")
    defer { consumer.close() }
    let partitions = try consumer.topics().first { $0.name == topic }?.partitionCount ?? 1
    let assigned = (0..<partitions).map { KafkaTopicPartition(topic: topic, partition: Int32($0)) }
    try consumer.assign(assigned, startOffsets: Dictionary(uniqueKeysWithValues: assigned.map { ($0, Int64(0)) }))
    var messages: [KafkaConsumerMessage] = []
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline, !done(messages) {
        messages += consumer.poll(maxMessages: 1000, timeout: .milliseconds(200))
    }
    return messages
}
