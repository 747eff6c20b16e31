import Foundation
import Testing
import VigilEngine
import VigilKafka
import VigilState
@testable import VigilRisk
import VigilPrimitives
@testable import VigilSimulation

/// Reference vectors: today's hashes, ids, wire bytes and checkpoint bytes, computed once with
/// the code as it was before the shared primitives were extracted and hard-coded here. Any change
/// of these bytes breaks redelivery idempotence, `value_hash` joins across tools, or restoring
/// checkpoints written by a deployed version: change an expected value only on purpose.
@Suite("Reference vectors: pinned hashes, ids, wire and checkpoint bytes")
struct ReferenceVectorTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    /// The bytes of `hex` (two digits per byte).
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func stableHash() {
        #expect(StableHash.hash("") == 0xefd0_1f60_ba99_2926)
        #expect(StableHash.hash("merchant-42") == 0xd520_5a16_9270_cbd6)
        #expect(StableHash.hash("买家-中文") == 0x0813_dcb1_ef47_762d)
        #expect(StableHash.hash(bytes: [0, 1, 2, 255]) == 0xb636_ac73_d898_9741)
        #expect(StableHash.hash(UInt64(12_345)) == 0x17d2_abfb_f90b_aef9)
        #expect(StableHash.hash(Int64(-1)) == 0x64b5_720b_4b82_5f21)
        #expect(StableHash.mix(0xdead_beef) == 0xd24b_d59f_862a_1dac)
    }

    @Test func fnv1a64() {
        #expect(FNV1a64.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        #expect(FNV1a64.fnv1a64("商品", seed: 42) == 0x7fe3_1f7e_c6d4_d3c1)
        var hash = FNV1a64(seed: 7)
        hash.combine("ab")
        hash.combine([0x00, 0x1F])
        hash.combine("cd")
        #expect(hash.value == 0x2b9e_cfa6_2487_295a)
        #expect(FNV1a64.hex(0) == "0000000000000000")
        #expect(FNV1a64.hex(0xabc) == "0000000000000abc")
        #expect(FNV1a64.hex(.max) == "ffffffffffffffff")
    }

    @Test func identifierHashes() {
        let hashes = IdentifierKind.allCases.map { "\($0.rawValue)=\(IdentifierHasher.valueHash(kind: $0, rawValue: "A1B2-中"))" }
        #expect(hashes.joined(separator: ",") == "device=e9f8bbd776693ed0,wifi=4d2800ded58058fd,ip=4457f8c070fcfb59,payout_account=221a4a85c7a12748,return_address=f6448259d33909e5,ship_from_address=545e30691eba6cc8,image_hash=ddeec09739f745d4")
        #expect(IdentifierHasher.hash(kind: .device, rawValue: "") == 0xaa5f_3e68_e9a7_b884)
        #expect(IdentifierKey(kind: .payoutAccount, rawValue: "acct-9").description == "payout_account:7a09e9bea855cb81")
        #expect(RingIDIssuer.id(for: RingIDIssuer.founding("m-b", "m-a")) == "ring-d09773b8612674d6")
    }

    @Test func modelFingerprints() {
        #expect(ModelFingerprint.of([UInt8]()) == "fnv1a64:cbf29ce484222325")
        #expect(ModelFingerprint.of(Array("bias: -3\nterms: []\n".utf8)) == "fnv1a64:dac6a9096d1b4ab5")
        #expect(FeatureLogRow.catalogFingerprint() == "fnv1a64:2ec119680c886144")
        #expect(FeatureLogRow.catalogFingerprint(count: 3) == "fnv1a64:30f02531495f2d73")
    }

    @Test func verdictIDs() {
        #expect(VerdictID.make(eventID: "e-0001", subject: .merchant) == "v-40c6bab05a64bfc42dfb885748167414")
        #expect(VerdictID.make(eventID: "e-0001", subject: .listing("l-42")) == "v-72b56765a04bb2546633ea4bf4f21a84")
        #expect(VerdictID.make(eventID: "", subject: .listing("")) == "v-e4fcdd8a967d6e112da828e7c4c33541")
        #expect(VerdictID.make(eventID: "link:device:00000000000000aa:m1:2", subject: .merchant) == "v-007e3b4ad5e8f7850767f1cfbfe15055")
    }

    @Test func seededRandomSequence() {
        var rng = SimulationRNG(seed: 42)
        #expect((0..<4).map { _ in rng.next() } == [13679457532755275413, 2949826092126892291, 5139283748462763858, 6349198060258255764])
        var fork = rng.fork(7)
        #expect(fork.next() == 2859398858684395737)
        #expect(rng.int(in: 0...999) == 38)
        #expect(rng.hex64() == "de4431fa3c80db06")
    }

    static let verdict = ContractOutputTests().listingVerdict()

    @Test func verdictWireBytes() throws {
        #expect(Self.text(try Self.verdict.encodedJSON()) == #"{"decided_at":1732380000200,"decision":"intercept","event_id":"e-0001","event_ts":1732380000123,"listing_id":"l-42","merchant_id":"m0000277","model_version":"rules-1","reasons":[{"code":"ocr_price_mismatch","detail":"image shows 780, listed at 100000","weight":0.9},{"code":"counterfeit_wording","detail":"title says 高仿","weight":0.5},{"code":"new_store","detail":"store is 12 days old","weight":0.2}],"score":91,"subject":"listing","verdict_id":"v-72b56765a04bb2546633ea4bf4f21a84"}"#)
        let merchant = Verdict(subject: .merchant, merchantID: "m1", score: 150, decision: .review, reasons: [],
                               modelVersion: "rules-1", eventID: "e-9", eventTS: 1, decidedAt: 2)
        #expect(Self.text(try merchant.encodedJSON()) == #"{"decided_at":2,"decision":"review","event_id":"e-9","event_ts":1,"listing_id":null,"merchant_id":"m1","model_version":"rules-1","reasons":[],"score":100,"subject":"merchant","verdict_id":"v-7b91d3b6c63883da0831f630fc102f6a"}"#)
    }

    static let lead = Lead(
        ringID: "ring-0123456789abcdef", merchants: ["m1", "m2", "m3"],
        links: [LeadLink(identifier: .payoutAccount, valueHash: IdentifierHasher.valueHash(kind: .payoutAccount, rawValue: "P"), merchants: ["m2", "m1"]),
                LeadLink(identifier: .device, valueHash: IdentifierHasher.valueHash(kind: .device, rawValue: "D"), merchants: ["m3", "m2"]),
                LeadLink(identifier: .wifi, valueHash: "00000000000000ff", merchants: ["m1", "m3"])],
        shipFrom: [ShipFromCount(province: "福建", city: "莆田", district: "荔城区", count: 42)],
        score: 77,
        evidence: [LeadEvidence(merchantID: "m1", eventID: "e-1", reasonCode: "ocr_price_mismatch"),
                   LeadEvidence(merchantID: "m2", eventID: "e-2", reasonCode: "shared_payout_account")],
        updatedAt: 1_732_380_000_999)

    /// The ring stage's lead bytes. Changed once on purpose: links use the contract's kind names
    /// (`device_id`, `wifi_bssid`, was `device`, `wifi`) since the ring stage builds contract leads.
    @Test func leadWireBytes() throws {
        #expect(Self.text(Self.lead.encodedJSON()) == #"{"evidence":[{"event_id":"e-1","merchant_id":"m1","reason_code":"ocr_price_mismatch"},{"event_id":"e-2","merchant_id":"m2","reason_code":"shared_payout_account"}],"links":[{"kind":"payout_account","merchants":["m1","m2"],"value_hash":"f9399c617ce4acb4"},{"kind":"device_id","merchants":["m2","m3"],"value_hash":"278fcc4507feee40"},{"kind":"wifi_bssid","merchants":["m1","m3"],"value_hash":"00000000000000ff"}],"merchants":["m1","m2","m3"],"ring_id":"ring-0123456789abcdef","score":77,"ship_from":[{"city":"莆田","count":42,"district":"荔城区","province":"福建"}],"updated_at":1732380000999}"#)
    }

    @Test func featureLogAndLabelBytes() {
        let row = FeatureLogRow(subject: .listing("l-7"), merchantID: "m-7", eventID: "e-7", eventTS: 1_732_380_000_000, modelVersion: "rules-1",
                                score: 64, decision: .review, published: true, features: [0, -0.0, 1, 2.5, 1e-7, 123_456_789, .nan])
        #expect(Self.text(row.encoded()) == #"{"row_id":"v-f4bd84738b36c7a0398bbeca35fceb50","subject":"listing","merchant_id":"m-7","listing_id":"l-7","event_id":"e-7","event_ts":1732380000000,"model_version":"rules-1","score":64,"decision":"review","verdict":true,"catalog":"fnv1a64:dff44579aeca4699","features":[0.0,-0.0,1.0,2.5,1e-07,123456789.0,null]}"#)
        let label = LabelEvent(eventID: "lab-1", merchantID: "m-7", ts: 1_732_380_000_000, labelID: "L-1", listingID: "l-7",
                               outcome: .counterfeit, source: .testBuy, brand: "Rolex", note: "bought \"one\"\nfake 中")
        #expect(Self.text(label.encoded()) == #"{"event_id":"lab-1","merchant_id":"m-7","ts":1732380000000,"label_id":"L-1","listing_id":"l-7","outcome":"counterfeit","source":"test_buy","brand":"Rolex","note":"bought \"one\"\nfake 中"}"#)
        let bare = LabelEvent(eventID: "lab-2", merchantID: "m-8", ts: 1, labelID: "L-2", listingID: nil,
                              outcome: .genuine, source: .appeal, brand: nil, note: nil)
        #expect(Self.text(bare.encoded()) == #"{"event_id":"lab-2","merchant_id":"m-8","ts":1,"label_id":"L-2","listing_id":null,"outcome":"genuine","source":"appeal","brand":null,"note":null}"#)
    }

    /// The merchant stage's checkpoint of `m-ref` below (format: profile, two empty text
    /// sections, ship-from counts, ring reporting, labels, sent identifier hashes), as hex.
    static let merchantCheckpointHex = [
        "8c024d5002056d2d72656620bee75993010000031e0600000000000014402d0000000000000000000000000000000000000000000000000000000000",
        "00000000a5b90201000ca5b90201000c0000a5b90201000c484c01080002029000000bfb0000a5b90201000c484c0108000102820000a5b90201000c",
        "484c0108000101170000a5b90201000c484c0108000103fc00000000000000000000010e7061796f75745f6163636f756e7410303030303030303030",
        "30303030306161020001000000000000000000000000000000000000000000048088284dc957c49b8bc5d3576139c4765fca2668856aec77469566cb",
        "3a1398e201103232323136666562393231623063333920bee759930100000000020646756a69616e0650757469616e0848616e6a69616e6701064675",
        "6a69616e0650757469616e074c696368656e670200025f0160adef59930100000160adef5993010000034c2d31000b636f756e746572666569740874",
        "6573745f62757902ad059171c0e3a4682040def2edc88acb",
    ].joined()

    /// The same checkpoint as written before the compact format (profile version 1, the recent
    /// event ids and the identifiers sent as text, no identifier hashes), as hex.
    static let merchantCheckpointVersion1Hex = [
        "df0d4d5001056d2d72656620bee75993010000031e0600000000000014402d53570102316880ee360000000000e09304000000000001000800000000",
        "0000008053570103323468005c26050000000080ee360000000000010008000000000000008053570102376400840c2400000000005c260500000000",
        "010008000000000000008053570103323468005c26050000000080ee360000000000010008000000000000008053570103323468005c260500000000",
        "80ee360000000000010008000000000000008053570102376400840c2400000000005c26050000000001000800000000000000805357010332346800",
        "5c26050000000080ee36000000000001000800000000000000805357010333306400c87e9a00000000005c2605000000004100080000000000000080",
        "5357010333306400c87e9a00000000005c26050000000041000800000000000000805357010333306400c87e9a00000000005c260500000000410008",
        "000000000000008053570102316880ee360000000000e093040000000000010008000000000000008053570103323468005c26050000000080ee3600",
        "00000000010008000000000000008053570102376400840c2400000000005c26050000000043000800000000000000805357010333306400c87e9a00",
        "000000005c260500000000010008000000000000008053570102376400840c2400000000005c26050000000001000800000000000000805357010237",
        "6400840c2400000000005c260500000000010008000000000000008053570102376400840c2400000000005c26050000000001000800000000000000",
        "8053570103323468005c26050000000080ee360000000000010008000000000000008053570103323468005c26050000000080ee3600000000000100",
        "08000000000000008053570102376400840c2400000000005c260500000000010008000000000000008053570102376400840c2400000000005c2605",
        "0000000001000800000000000000805357010333306400c87e9a00000000005c260500000000010008000000000000008053570102376400840c2400",
        "000000005c26050000000041000800000000000000805357010333306400c87e9a00000000005c260500000000010008000000000000008053570103",
        "33306400c87e9a00000000005c260500000000010008000000000000008053570103323468005c26050000000080ee36000000000003000800000000",
        "0000008053570102376400840c2400000000005c26050000000001000800000000000000805357010333306400c87e9a00000000005c260500000000",
        "43000800000000000000805357010333306400c87e9a00000000005c26050000000003000800000000000000805357010333306400c87e9a00000000",
        "005c26050000000003000800000000000000805357010333306400c87e9a00000000005c260500000000070008000000000000008053570103333064",
        "00c87e9a00000000005c26050000000001000800000000000000805357010333306400c87e9a00000000005c26050000000041000800000000000000",
        "8053570102376400840c2400000000005c260500000000010008524e000000000000010000000000000008405357010333306400c87e9a0000000000",
        "5c260500000000010008524e000000000000010000000000000008405357010333306400c87e9a00000000005c260500000000010008000000000000",
        "00805357010333306400c87e9a00000000005c26050000000001000800000000000000805357010333306400c87e9a00000000005c26050000000041",
        "0008524e00000000000001000000000000000840484c01080002029000000bfb00005357010333306400c87e9a00000000005c260500000000410008",
        "524e00000000000001000000000000000840484c01080001028200005357010333306400c87e9a00000000005c260500000000410008524e00000000",
        "000001000000000000000840484c01080001011700005357010333306400c87e9a00000000005c260500000000410008524e00000000000001000000",
        "000000000840484c0108000103fc000053570102376400840c2400000000005c2605000000000b000800000000000000805357010333306400c87e9a",
        "00000000005c2605000000000b0008000000000000008053570102376400840c2400000000005c260500000000010008000000000000008053570102",
        "376400840c2400000000005c260500000000010008000000000000008000000000010e7061796f75745f6163636f756e741030303030303030303030",
        "303030306161020001000000000000000000000000000000000000000000038088284dc957c49b8bc5d3576139c4765fca2668856aec770110323232",
        "3136666562393231623063333920bee75993010000040c736869702d6d2d7265662d310c736869702d6d2d7265662d320c736869702d6d2d7265662d",
        "33056c61622d31021f72657475726e5f616464726573733a3232323136666562393231623063333922736869705f66726f6d5f616464726573733a36",
        "626535336536353635613438636266020646756a69616e0650757469616e0848616e6a69616e67010646756a69616e0650757469616e074c69636865",
        "6e670200025f0160adef59930100000160adef5993010000034c2d31000b636f756e7465726665697408746573745f627579",
    ].joined()

    /// Feeds events, a link and a label to a merchant stage and pins its checkpoint bytes.
    @Test func merchantCheckpointBytes() throws {
        let processor = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        let decoder = ContractDecoder()
        var offset: Int64 = 0
        func feed(_ payload: any Sendable, ts: Int64) throws {
            var context = ProcessingContext(operatorName: "merchants")
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.logistics", partition: 0), offset: offset)
            offset += 1
            try processor.process(SourceRecord(source: "test", key: "m-ref", eventTime: ts, payload: payload, origin: origin), context: &context)
        }
        for n in 1...3 {
            let bytes = Array(MerchantRingReportingTests.shipped(n, merchant: "m-ref", district: n == 3 ? "Hanjiang" : "Licheng"))
            let event = try decoder.decode(.logistics, from: bytes, key: nil as [UInt8]?)
            try feed(event, ts: event.ts)
            try feed(event, ts: event.ts)  // redelivered: remembered, changes nothing
        }
        try feed(LinkNoticeMessage(kind: .payoutAccount, valueHash: "00000000000000aa", merchantID: "m-ref", otherMerchants: 2, ts: 1_732_380_600_000), ts: 1_732_380_600_000)
        try feed(LabelEvent(eventID: "lab-1", merchantID: "m-ref", ts: 1_732_380_700_000, labelID: "L-1", listingID: nil,
                            outcome: .counterfeit, source: .testBuy, brand: nil, note: nil), ts: 1_732_380_700_000)
        let snapshot = processor.snapshot()
        #expect(snapshot.map(\.key) == ["m-ref"])
        #expect(Self.hex(snapshot.first?.state ?? []) == Self.merchantCheckpointHex)
        // And the pinned bytes restore to a stage that checkpoints the same bytes again.
        let restored = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        for (key, state) in snapshot { try restored.restore(key: key, state: state) }
        #expect(restored.snapshot().map { Self.hex($0.state) } == snapshot.map { Self.hex($0.state) })

        // The checkpoint as written before the compact format restores to the same stage.
        let version1 = Self.bytes(hex: Self.merchantCheckpointVersion1Hex)
        let fromVersion1 = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        try fromVersion1.restore(key: "m-ref", state: version1)
        #expect(fromVersion1.snapshot().map { Self.hex($0.state) } == [Self.merchantCheckpointHex])
        #expect(version1.count > 2 * (snapshot.first?.state.count ?? 0))

        // A checkpoint of the oldest format (profile, recent event ids, sent identifiers: before
        // ring reporting and labels were appended) still restores, the newer sections empty.
        var reader = StateReader(version1)
        _ = try reader.readBytes("profile")
        for _ in 0..<2 { for _ in 0..<(try reader.readLength("count")) { _ = try reader.readString("text") } }
        let oldest = Array(version1[..<reader.offset])
        let fromOldest = MerchantProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        try fromOldest.restore(key: "m-ref", state: oldest)
        var upgraded = try MerchantProcessor.Entry(decodingState: try #require(fromOldest.snapshot().first?.state))
        let current = try MerchantProcessor.Entry(decodingState: snapshot[0].state)
        #expect(upgraded.shipFrom.isEmpty && upgraded.reportedRisk == nil && upgraded.labels.count == 0)
        #expect(upgraded.sentIdentifiers == current.sentIdentifiers && !current.sentIdentifiers.isEmpty)
        let labelIsNew = upgraded.profile.remember(eventID: "lab-1")
        #expect(!labelIsNew)  // the label's id moved into the profile's guard
    }

    /// The ring stage's checkpoint below (``RingCheckpoint``, binary since it replaced JSON), as hex.
    static let ringCheckpointHex = [
        "5243010500e8030000000000001f000e7061796f75745f6163636f756e7410303030303030303030303030303061610202026d3103652d3102026d32",
        "03652d32000000000000f03f0000d0070000000000001f000664657669636510303030303030303030303030303062620202026d3203652d3302026d",
        "3303652d34000000000000e03f0001b80b000000000000e001026d3150000000000000000101026d3103652d31126f63725f70726963655f6d69736d",
        "6174636801a00f000000000000e001026d322d0000000000000000000288130000000000002004026d310106e7a68fe5bbba06e88e86e794b009e88d",
        "94e59f8ee58cba0300000000000000",
    ].joined()

    /// Feeds links, risk and shipments to the ring stage and pins its checkpoint bytes.
    @Test func ringCheckpointBytes() throws {
        let processor = RingProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        let messages = [
            RingInputMessage(kind: .link, ts: 1_000, identifierKind: .payoutAccount, valueHash: "00000000000000aa",
                             members: [["m1", "e-1"], ["m2", "e-2"]], weight: 1, common: false),
            RingInputMessage(kind: .link, ts: 2_000, identifierKind: .device, valueHash: "00000000000000bb",
                             members: [["m2", "e-3"], ["m3", "e-4"]], weight: 0.5, common: false),
            RingInputMessage(kind: .risk, ts: 3_000, merchantID: "m1", score: 80, intercepted: true,
                             evidence: [LeadEvidence(merchantID: "m1", eventID: "e-1", reasonCode: "ocr_price_mismatch")]),
            RingInputMessage(kind: .risk, ts: 4_000, merchantID: "m2", score: 45, intercepted: false, evidence: []),
            RingInputMessage(kind: .shipment, ts: 5_000, merchantID: "m1", shipFrom: [ShipFromCount(province: "福建", city: "莆田", district: "荔城区", count: 3)]),
        ]
        for (offset, message) in messages.enumerated() {
            var context = ProcessingContext(operatorName: "rings")
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "vigil.ring-input", partition: 0), offset: Int64(offset))
            try processor.process(SourceRecord(source: "ring-input", key: "ring", eventTime: message.ts, payload: message, origin: origin), context: &context)
        }
        let snapshot = processor.snapshot()
        #expect(snapshot.map(\.key) == ["ring"])
        let state = snapshot.first?.state ?? []
        #expect(Self.hex(state) == Self.ringCheckpointHex)
        // Restoring gives a stage that checkpoints the same bytes; so does restoring the JSON
        // checkpoint that versions before the binary format wrote (pinned then).
        let legacy = Array(#"[{"common":false,"identifierKind":"payout_account","kind":"link","members":[["m1","e-1"],["m2","e-2"]],"ts":1000,"valueHash":"00000000000000aa","weight":1},{"common":false,"identifierKind":"device","kind":"link","members":[["m2","e-3"],["m3","e-4"]],"ts":2000,"valueHash":"00000000000000bb","weight":0.5},{"evidence":[{"event_id":"e-1","merchant_id":"m1","reason_code":"ocr_price_mismatch"}],"intercepted":true,"kind":"risk","merchantID":"m1","score":80,"ts":3000},{"evidence":[],"intercepted":false,"kind":"risk","merchantID":"m2","score":45,"ts":4000},{"kind":"shipment","merchantID":"m1","shipFrom":[{"city":"莆田","count":3,"district":"荔城区","province":"福建"}],"ts":5000}]"#.utf8)
        for old in [state, legacy] {
            let restored = RingProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
            try restored.restore(key: "ring", state: old)
            #expect(restored.snapshot().map { Self.hex($0.state) } == [Self.hex(state)])
        }
    }
}
