import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk
import VigilTestSupport

/// What the merchant stage tells the ring stage: nothing for merchants that share no identifier,
/// and for linked ones their current risk and cumulative shipments (latest-state messages).
@Suite("Rings: the merchant stage reports linked merchants to the ring stage")
struct MerchantRingReportingTests {
    static let repositoryRoot = VigilTestSupport.repositoryRoot

    static func shipped(_ n: Int, merchant: String, district: String) -> [UInt8] {
        Array("""
        {"event_id":"ship-\(merchant)-\(n)","merchant_id":"\(merchant)","ts":\(1_732_380_000_000 + Int64(n) * 60_000),"shipment_id":"s-\(n)","order_id":"o-\(n)",\
        "status":"shipped","carrier":"SF","ship_from":{"province":"Fujian","city":"Putian","district":"\(district)","address_hash":"ah-\(merchant)"},\
        "return_address_hash":"rh-\(merchant)","receiver_address_hash":"rv-\(n)"}
        """.utf8)
    }

    /// Feeds `payload` for `merchant` and returns the ring-input messages it caused.
    static func feed(_ processor: MerchantProcessor, merchant: String, _ payload: any Sendable, ts: Int64, offset: inout Int64) throws -> [RingInputMessage] {
        var context = ProcessingContext(operatorName: "merchants")
        let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.logistics", partition: 0), offset: offset)
        offset += 1
        try processor.process(SourceRecord(source: "test", key: merchant, eventTime: ts, payload: payload, origin: origin), context: &context)
        return try context.outputs.filter { $0.sink == "ring" }.map { try InternalCodec.decode(RingInputMessage.self, $0.value) }
    }

    @Test("unlinked: no ring input; once linked: risk and all shipments so far; then only changes, as cumulative counts")
    func reporting() throws {
        let assessor = try RiskAssessor(configuration: RiskConfiguration.load(path: Self.repositoryRoot.appendingPathComponent("config/risk.yml").path))
        let processor = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: assessor, cases: nil))
        let decoder = ContractDecoder()
        var offset: Int64 = 0
        let merchant = "m-ring-1"
        for n in 1...3 {
            let event = try decoder.decode(.logistics, from: Self.shipped(n, merchant: merchant, district: n == 3 ? "Hanjiang" : "Licheng"), key: nil as [UInt8]?)
            #expect(try Self.feed(processor, merchant: merchant, event, ts: event.ts, offset: &offset).isEmpty, "a merchant sharing nothing costs the ring stage nothing")
        }
        let link = LinkNoticeMessage(kind: .payoutAccount, valueHash: "00000000000000aa", merchantID: merchant, otherMerchants: 2, ts: 1_732_380_600_000)
        let linked = try Self.feed(processor, merchant: merchant, link, ts: link.ts, offset: &offset)
        #expect(linked.map(\.kind) == [.risk, .shipment])
        #expect(linked.first?.score != nil && linked.first?.merchantID == merchant)
        #expect(linked.last?.shipFrom == [ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 2),
                                          ShipFromCount(province: "Fujian", city: "Putian", district: "Hanjiang", count: 1)])
        let again = try Self.feed(processor, merchant: merchant, link, ts: link.ts, offset: &offset)
        #expect(again.isEmpty, "nothing changed, nothing reported")
        let fourth = try decoder.decode(.logistics, from: Self.shipped(4, merchant: merchant, district: "Licheng"), key: nil as [UInt8]?)
        let afterShipment = try Self.feed(processor, merchant: merchant, fourth, ts: fourth.ts, offset: &offset)
        #expect(afterShipment.filter { $0.kind == .shipment }.map(\.shipFrom) == [[ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 3),
                                                                                  ShipFromCount(province: "Fujian", city: "Putian", district: "Hanjiang", count: 1)]])

        // The counts and what was reported survive a checkpoint.
        let restored = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: assessor, cases: nil))
        for (key, state) in processor.snapshot() { try restored.restore(key: key, state: state) }
        #expect(try Self.feed(restored, merchant: merchant, link, ts: link.ts, offset: &offset).isEmpty)
        let fifth = try decoder.decode(.logistics, from: Self.shipped(5, merchant: merchant, district: "Hanjiang"), key: nil as [UInt8]?)
        let afterRestore = try Self.feed(restored, merchant: merchant, fifth, ts: fifth.ts, offset: &offset)
        #expect(afterRestore.filter { $0.kind == .shipment }.map(\.shipFrom) == [[ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 3),
                                                                                 ShipFromCount(province: "Fujian", city: "Putian", district: "Hanjiang", count: 2)]])
    }
}
