import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk

/// The merchant stage's feature log: which rows it writes, their bytes, and that a replay writes the same bytes.
@Suite("Feature log: point-in-time rows from the merchant stage")
struct FeatureLogTests {
    static let t0: Int64 = 1_732_380_000_000

    static func listing(_ n: Int, merchant: String = "m-log-1", action: String = "create", price: Double = 100_000) -> [UInt8] {
        Array("""
        {"event_id":"e-\(merchant)-\(n)","merchant_id":"\(merchant)","ts":\(t0 + Int64(n) * 60_000),"listing_id":"l-\(n % 3)",\
        "action":"\(action)","title":"Rolex Submariner 高仿 \(n)","brand":"Rolex","category":"watches","price":\(price),"currency":"CNY",\
        "stock":\(10 + n),"image_text_prices":[780],"logos":["rolex"],"image_hashes":["h\(n)"],\
        "seller":{"store_age_days":12,"template":"basic","verified_id":false,"device_id":"dev-1","ip":"203.0.113.45","wifi_bssid":null}}
        """.utf8)
    }

    static func review(_ n: Int, merchant: String = "m-log-1") -> [UInt8] {
        Array("""
        {"event_id":"r-\(merchant)-\(n)","merchant_id":"\(merchant)","ts":\(t0 + Int64(n) * 60_000 + 1),"review_id":"rv-\(n)","listing_id":"l-0",\
        "buyer_id":"b-\(n)","rating":5,"text":"good","buyer_account_age_days":2,"device_id":"dev-1","ip":"203.0.113.45"}
        """.utf8)
    }

    /// Every event of a small history: listings (creates, updates, a delist) and reviews.
    static func events() throws -> [MarketplaceEvent] {
        let decoder = ContractDecoder()
        var out: [MarketplaceEvent] = []
        for n in 1...8 {
            out.append(try decoder.decode(.listing, from: listing(n, action: n > 3 ? "update" : "create", price: n > 5 ? 700 : 100_000), key: nil as [UInt8]?))
            if n % 2 == 0 { out.append(try decoder.decode(.review, from: review(n), key: nil as [UInt8]?)) }
        }
        out.append(try decoder.decode(.listing, from: listing(9, action: "delist"), key: nil as [UInt8]?))
        return out
    }

    static func processor(featureLog: Bool = true) throws -> MerchantProcessor {
        let context = RiskContext(brands: try BrandRegistry(fileBytes: Array(#"{"currency":"CNY","brands":{"Rolex":{"reference_prices":{"watches":68000.0},"authorized_merchants":[]}}}"#.utf8), source: "test"),
                                  assessor: try RiskAssessor(configuration: .default), cases: nil)
        return MerchantProcessor(context: context, featureLog: featureLog ? FeatureLogEmitter() : nil)
    }

    /// Feeds `events` and returns every output, in order.
    static func run(_ processor: MerchantProcessor, _ events: [MarketplaceEvent], offset: Int64 = 0) throws -> [OutputRecord] {
        var outputs: [OutputRecord] = []
        for (i, event) in events.enumerated() {
            var context = ProcessingContext(operatorName: "merchants")
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.listings", partition: 0), offset: offset + Int64(i))
            try processor.process(SourceRecord(source: "test", key: event.merchantID, eventTime: event.ts, payload: event, origin: origin), context: &context)
            outputs += context.outputs
        }
        return outputs
    }

    @Test("a row per listing verdict and per merchant verdict, and the merchant's assessment at every listing event")
    func rows() throws {
        let events = try Self.events()
        let outputs = try Self.run(Self.processor(), events)
        let rows = try outputs.filter { $0.sink == "feature-log" }.enumerated().map { try FeatureLogRow(json: $1.value, source: "test", line: $0 + 1) }
        let verdicts = try outputs.filter { $0.sink == "verdicts" }.map { try JSONDecoder().decode(Verdict.self, from: Data($0.value)) }
        #expect(outputs.filter { $0.sink == "feature-log" }.allSatisfy { $0.key == Array("m-log-1".utf8) }, "keyed by merchant_id")

        // Every verdict has its row, with the verdict's id, score, decision and model version.
        let byID = Dictionary(rows.map { ($0.rowID, $0) }, uniquingKeysWith: { a, _ in a })
        for verdict in verdicts {
            let row = try #require(byID[verdict.verdictID], "verdict \(verdict.verdictID) has no feature row")
            #expect(row.score == verdict.score && row.decision == verdict.decision && row.modelVersion == verdict.modelVersion)
            #expect(row.published && row.eventTS == verdict.eventTS && row.subject == verdict.subject)
        }
        // One merchant row at each listing event (the delist too), published or not.
        let listingEvents = events.filter { $0.kind == .listing }
        let merchantRows = rows.filter { $0.subject == .merchant }
        #expect(Set(listingEvents.map(\.eventID)).isSubset(of: Set(merchantRows.map(\.eventID))))
        #expect(merchantRows.contains { !$0.published }, "merchant assessments without a verdict are logged too")
        #expect(rows.filter { $0.subject != .merchant }.count == 8, "one listing row per create/update")
        #expect(rows.allSatisfy { $0.features.count == FeatureCatalog.count })
        // Listing features are missing in merchant rows: NaN survives as null.
        let priceIndex = try #require(FeatureCatalog.index(of: "listing_price"))
        #expect(merchantRows.allSatisfy { $0.features[priceIndex].isNaN })
        #expect(String(decoding: outputs.first { $0.sink == "feature-log" }!.value, as: UTF8.self).hasPrefix(#"{"row_id":"v-"#))
    }

    @Test("a listing row is recognised from its first bytes, exactly when its decoded subject is a listing")
    func listingRowPeek() throws {
        let outputs = try Self.run(Self.processor(), try Self.events()).filter { $0.sink == "feature-log" }
        #expect(outputs.count > 2)
        var kinds = Set<Bool>()
        for output in outputs {
            let row = try FeatureLogRow(json: output.value, source: "test", line: 1)
            #expect(FeatureLogRow.isListingRow(output.value) == (row.listingID != nil))
            kinds.insert(row.listingID != nil)
        }
        #expect(kinds == [true, false], "both kinds were checked")
        // Bytes not in the writer's layout: unknown, to be decoded.
        #expect(FeatureLogRow.isListingRow(Array(#"{"subject":"listing","row_id":"x"}"#.utf8)) == nil)
        #expect(FeatureLogRow.isListingRow(Array(#"{"row_id":"a\"b","subject":"listing"}"#.utf8)) == nil)
        #expect(FeatureLogRow.isListingRow(Array(#"{"row_id":"x","subject":"other"}"#.utf8)) == nil)
        #expect(FeatureLogRow.isListingRow([]) == nil)
    }

    @Test("replaying the same input, in a fresh processor or after a restart from a checkpoint, logs identical bytes")
    func replay() throws {
        let events = try Self.events()
        let first = try Self.run(Self.processor(), events).filter { $0.sink == "feature-log" }.map(\.value)
        let second = try Self.run(Self.processor(), events).filter { $0.sink == "feature-log" }.map(\.value)
        #expect(!first.isEmpty)
        #expect(first == second)

        // Restart after the first half: restore the checkpoint, replay the rest.
        let half = events.count / 2
        let before = try Self.processor()
        let head = try Self.run(before, Array(events[..<half])).filter { $0.sink == "feature-log" }.map(\.value)
        let restarted = try Self.processor()
        for (key, state) in before.snapshot() { try restarted.restore(key: key, state: state) }
        let tail = try Self.run(restarted, Array(events[half...]), offset: Int64(half)).filter { $0.sink == "feature-log" }.map(\.value)
        #expect(head + tail == first)

        // Decoding and re-encoding gives the same bytes.
        let decoded = try FeatureLogFile.parse(FeatureLogFile.lines(first.map { try FeatureLogRow(json: $0, source: "t", line: 1) }), source: "t")
        #expect(decoded.map { $0.encoded() } == first)
    }

    @Test("off: no rows; the sink must be declared for the log to be on")
    func off() throws {
        let outputs = try Self.run(Self.processor(featureLog: false), Self.events())
        #expect(!outputs.contains { $0.sink == "feature-log" })
        #expect(outputs.contains { $0.sink == "verdicts" })
        #expect(FeatureLogEmitter.make(sinks: ["verdicts", "identifiers", "ring"], enabled: true) == nil)
        #expect(FeatureLogEmitter.make(sinks: ["verdicts", "feature-log"], enabled: false) == nil)
        #expect(FeatureLogEmitter.make(sinks: ["verdicts", "feature-log"], enabled: true) != nil)
    }

    @Test("a row whose catalogue fingerprint does not match is refused, naming the line")
    func catalogueMismatch() throws {
        var row = FeatureLogRow(subject: .merchant, merchantID: "m1", eventID: "e1", eventTS: 1, modelVersion: "v", score: 3,
                                decision: .allow, published: false, features: Array(repeating: 0, count: FeatureCatalog.count))
        let good = row.encoded()
        #expect(try FeatureLogRow(json: good, source: "log.jsonl", line: 1) == row)
        row.features = [1, 2, 3]  // an older, shorter catalogue: still readable
        #expect(try FeatureLogRow(json: row.encoded(), source: "log.jsonl", line: 1).features == [1, 2, 3])
        let bad = String(decoding: good, as: UTF8.self).replacingOccurrences(of: FeatureLogRow.catalogFingerprint(), with: "fnv1a64:0000000000000000")
        #expect(throws: FeatureLogError.catalogMismatch(source: "log.jsonl", line: 7, catalog: "fnv1a64:0000000000000000", featureCount: FeatureCatalog.count)) {
            _ = try FeatureLogRow(json: Array(bad.utf8), source: "log.jsonl", line: 7)
        }
    }

    @Test("a row reads back byte for byte, missing values included, and a bad one names its field")
    func rowDecoding() throws {
        let row = FeatureLogRow(subject: .listing("l-7"), merchantID: "m\u{1F600}", eventID: "e\"1", eventTS: 1_732_380_000_123,
                                modelVersion: "xgb-2", score: 88, decision: .intercept, published: true,
                                features: [0.25, .nan, -3, 1e-7, 12_345_678])
        let decoded = try FeatureLogRow(json: row.encoded(), source: "t", line: 1)
        #expect(decoded.encoded() == row.encoded())
        #expect(decoded.features[1].isNaN && decoded.subject == .listing("l-7") && decoded.published)
        let text = String(decoding: row.encoded(), as: UTF8.self)
        do {
            _ = try FeatureLogRow(json: Array(text.replacingOccurrences(of: #""score":88"#, with: #""score":"88""#).utf8), source: "log.jsonl", line: 3)
            Issue.record("a string score was accepted")
        } catch {
            #expect(error.description.contains("log.jsonl line 3") && error.description.contains("field 'score'"), "\(error)")
        }
        #expect(throws: FeatureLogError.self) {
            _ = try FeatureLogRow(json: Array(text.replacingOccurrences(of: #""listing_id":"l-7""#, with: #""listing_id":null"#).utf8), source: "t", line: 1)
        }
    }
}
