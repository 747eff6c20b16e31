import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk

/// A brand's own product photos link no shops and are no sign of counterfeiting by themselves,
/// with the registry's `official_image_hashes` and without it.
@Suite("Official imagery")
struct OfficialImageryTests {
    static let registryJSON = #"""
    {"currency":"CNY","brands":{
      "Rolex":{"reference_prices":{"watches":68000},"authorized_merchants":["m-auth-1","m-auth-2"],"official_image_hashes":["rolex-official-1"]},
      "Nike":{"reference_prices":{"footwear":800},"authorized_merchants":["m-auth-3"]}}}
    """#

    @Test("official_image_hashes is read when present and optional when absent, in the file and on the topic")
    func registry() throws {
        var registry = try BrandRegistry(fileBytes: Array(Self.registryJSON.utf8), source: "test")
        #expect(registry.isOfficialImage("rolex-official-1"))
        #expect(!registry.isOfficialImage("anything-else"))
        #expect(registry.record(for: "nike")?.officialImageHashes == [])
        try registry.apply(key: "Nike", value: Array(#"{"reference_prices":{"footwear":800},"authorized_merchants":[],"official_image_hashes":["nike-1"]}"#.utf8))
        #expect(registry.isOfficialImage("nike-1"))
        try registry.apply(key: "Nike", value: nil)
        #expect(!registry.isOfficialImage("nike-1"), "deleting the brand forgets its photos")
        #expect(registry.isAuthorizedForAny(merchant: "m-auth-3", brand: nil, logos: []) == false)
        #expect(registry.isAuthorizedForAny(merchant: "m-auth-1", brand: nil, logos: ["ROLEX"]))
    }

    @Test("an official sighting makes an identifier common and withdraws the links it made")
    func index() {
        var index = IdentifierIndex()
        #expect(index.record(RingsFixture.sighting(.imageHash, "photo", "m-fake-1")) == nil)
        let linked = index.record(RingsFixture.sighting(.imageHash, "photo", "m-fake-2"))
        #expect(linked?.status == .active)
        let key = IdentifierKey(kind: .imageHash, rawValue: "photo")
        let official = index.record(IdentifierSighting(identifier: key, merchantID: "m-auth-1", eventID: "e", ts: 1, official: true))
        #expect(official?.status == .common)
        #expect(official?.weight == 0)
        #expect(Set(official?.members.map(\.merchantID) ?? []) == ["m-fake-1", "m-fake-2", "m-auth-1"])
        #expect(index.isCommon(key))
        #expect(index.record(RingsFixture.sighting(.imageHash, "photo", "m-fake-3")) == nil, "once official, nobody links on it")
        // An official photo nobody else used yet: common at once, nothing to withdraw.
        #expect(index.record(IdentifierSighting(kind: .imageHash, rawValue: "fresh", merchantID: "m-auth-1", eventID: "e2", ts: 2, official: true)) == nil)
        #expect(index.record(RingsFixture.sighting(.imageHash, "fresh", "m-fake-1")) == nil)
    }

    /// Sightings the merchant stage sends for one listing.
    static func sightings(of listing: ListingEvent, registry: BrandRegistry) throws -> [IdentifierSightingMessage] {
        let processor = MerchantProcessor(context: RiskContext(brands: registry, assessor: try RiskAssessor(configuration: .default), cases: nil))
        var context = ProcessingContext(operatorName: "merchants")
        let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.listings", partition: 0), offset: 0)
        try processor.process(SourceRecord(source: "listings", key: listing.merchantID, eventTime: listing.ts, payload: MarketplaceEvent.listing(listing), origin: origin), context: &context)
        return try context.outputs.filter { $0.sink == "identifiers" }.map { try InternalCodec.decode(IdentifierSightingMessage.self, $0.value) }
    }

    @Test("the merchant stage never sends a published official photo, and flags an authorised seller's photos as official")
    func merchantStage() throws {
        let registry = try BrandRegistry(fileBytes: Array(Self.registryJSON.utf8), source: "test")
        let authorised = FX.listing("a1", merchant: "m-auth-3", at: FX.t0, title: "Nike Air Max", brand: "Nike", category: "footwear", price: 790,
                                    logos: ["Nike"], images: ["nike-shot", "rolex-official-1"])
        let sent = try Self.sightings(of: authorised, registry: registry).filter { $0.kind == .imageHash }
        #expect(sent.map(\.official) == [true], "only the unpublished photo is sent, flagged official")
        let other = FX.listing("o1", merchant: "m-other", at: FX.t0, title: "Nike Air Max", brand: "Nike", category: "footwear", price: 790,
                               logos: ["Nike"], images: ["nike-shot", "rolex-official-1"])
        let fromOther = try Self.sightings(of: other, registry: registry).filter { $0.kind == .imageHash }
        #expect(fromOther.map(\.official) == [nil])
        #expect(fromOther.map(\.valueHash) == [IdentifierHasher.valueHash(kind: .imageHash, rawValue: "nike-shot")])
    }

    @Test("a published official photo shared with others is not counted as a shared image")
    func features() throws {
        let registry = try BrandRegistry(fileBytes: Array(Self.registryJSON.utf8), source: "test")
        let listing = FX.listing("a1", merchant: "m-x", at: FX.t0, title: "Rolex Submariner", brand: "Rolex", category: "watches", price: 67_000,
                                 images: ["rolex-official-1", "own-photo"])
        var profile = MerchantProfile(merchantID: "m-x")
        profile.apply(.listing(listing), brands: registry, isLate: false)
        profile.applyLink(kind: .imageHash, valueHash: IdentifierHasher.valueHash(kind: .imageHash, rawValue: "rolex-official-1"), otherMerchants: 12)
        FX.expect(profile.features(listing: listing, brands: registry, asOf: listing.ts), ["listing_shared_image_hashes": 0, "listing_image_hash_max_other_merchants": 0])
        profile.applyLink(kind: .imageHash, valueHash: IdentifierHasher.valueHash(kind: .imageHash, rawValue: "own-photo"), otherMerchants: 2)
        FX.expect(profile.features(listing: listing, brands: registry, asOf: listing.ts), ["listing_shared_image_hashes": 1, "listing_image_hash_max_other_merchants": 2])
    }
}
