import VigilPrimitives
import VigilRisk

/// A seeded, deterministic marketplace: contract-valid listing, review, payment and
/// logistics events of honest shops, authorised and discount brand sellers, co-working
/// shops and counterfeit rings — and, when the scenario asks for them, the honest
/// look-alikes (second-hand resellers, new stores, multi-shop owners, fulfilment clients),
/// solo and adaptive counterfeiters, a festival sale and ``labels`` — with the brand
/// registry and the ground truth to score a detector against.
///
/// ```swift
/// let simulator = try MarketplaceSimulator(scenario: .small)
/// try simulator.generate { record in try producer.send(record.topic, record.key, record.value) }
/// let registry = simulator.brandRegistryJSON   // brands.json
/// let truth = simulator.truth                  // truth.json
/// ```
///
/// Determinism: the same scenario (seed included) yields the same records, byte for byte,
/// in the same order, in every run; the simulator never touches the system random number
/// generator (see ``SimulationRNG``).
///
/// Delivery order: records come by event time, except that a share of events
/// (``SimulationScenario/outOfOrderRate``) arrive late by up to
/// ``SimulationScenario/maxLateness`` (so one merchant's events are sometimes out of order
/// by at most that much), and a share (``SimulationScenario/duplicateRate``) arrive twice
/// with identical bytes (same `event_id`), the copy up to `maxLateness` later.
///
/// Cost: ``generate(_:)`` builds and sorts every event in memory before handing out the
/// first. Measured in a release build on the project's 2-core machine: the ``SimulationScenario/default``
/// scenario's 166,116 records are generated and written to files in 1.2 s (≈ 140,000
/// records/s, 140 MB peak resident), or produced to the embedded Kafka cluster in 1.9 s.
public struct MarketplaceSimulator: Sendable {
    /// The scenario simulated.
    public let scenario: SimulationScenario
    private let plan: MarketplacePlan

    /// Plans the marketplace of `scenario` (cheap; events are made by ``generate(_:)``).
    /// - Throws: ``SimulationError/invalidScenario(_:)`` naming a setting that cannot work.
    public init(scenario: SimulationScenario) throws(SimulationError) {
        try scenario.validate()
        self.scenario = scenario
        plan = MarketplacePlanner(scenario: scenario).plan()
    }

    /// Hands every record to `body` in delivery order (see the type's documentation).
    public func generate(_ body: (SimulatedRecord) throws -> Void) rethrows {
        let root = SimulationRNG(seed: scenario.seed)
        var pending: [(order: Int64, record: SimulatedRecord)] = []
        pending.reserveCapacity(plan.merchants.count * 90)
        var delivery = root.fork(3)
        for merchant in plan.merchants {
            var activity = MerchantActivity(scenario: scenario, merchant: merchant, ring: merchant.ringIndex.map { plan.rings[$0] }, root: root)
            for event in activity.run() {
                let record = SimulatedRecord(kind: event.kind, topic: SimulatedRecord.defaultTopic(for: event.kind),
                                             key: merchant.id, value: event.value, eventTime: event.ts)
                let late = delivery.chance(scenario.outOfOrderRate) ? delivery.int64(in: 1...scenario.maxLateness) : 0
                pending.append((event.ts + late, record))
                if delivery.chance(scenario.duplicateRate) {
                    pending.append((event.ts + delivery.int64(in: 1...scenario.maxLateness), record))
                }
            }
        }
        // Sort indices, not records: stable on ties (generation order), and cheap to move.
        let order = pending.indices.sorted { pending[$0].order != pending[$1].order ? pending[$0].order < pending[$1].order : $0 < $1 }
        for index in order { try body(pending[index].record) }
    }

    /// The outcomes published on `marketplace.labels` (none unless the scenario has a
    /// ``SimulationScenario/labels`` policy), by `ts`; many lie after the simulated span.
    /// They are not part of ``generate(_:)``: deliver them by their ``SimulatedLabel/eventTime``
    /// among the records, or after them.
    public var labels: [SimulatedLabel] {
        guard let policy = scenario.labels else { return [] }
        return LabelPlanner(scenario: scenario, plan: plan, policy: policy).labels()
    }

    /// Every record in delivery order (convenience for tests and small scenarios).
    public func records() -> [SimulatedRecord] {
        var records: [SimulatedRecord] = []
        generate { records.append($0) }
        return records
    }

    /// The brand registry in the contract's file format (`brands.json`): every catalog brand
    /// with its reference prices and the simulated authorised and discount sellers, and its
    /// `official_image_hashes` when ``SimulationScenario/officialImagesPublished``.
    public var brandRegistryJSON: [UInt8] {
        var writer = JSONWriter(capacity: 4_096)
        writer.beginObject()
        writer.key("currency"); writer.string(scenario.currency)
        writer.key("brands")
        writer.beginObject()
        for (index, brand) in SimulatedBrand.catalog.enumerated() {
            writer.key(brand.name)
            writeBrandRecord(brand, authorized: plan.authorizedMerchants[index], into: &writer)
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }

    /// One `marketplace.brands` topic record per brand: key = brand name, value =
    /// `{"reference_prices": {...}, "authorized_merchants": [...]}`, plus
    /// `"official_image_hashes": [...]` when ``SimulationScenario/officialImagesPublished``.
    public var brandRecords: [(key: String, value: [UInt8])] {
        SimulatedBrand.catalog.enumerated().map { index, brand in
            var writer = JSONWriter()
            writeBrandRecord(brand, authorized: plan.authorizedMerchants[index], into: &writer)
            return (brand.name, writer.bytes)
        }
    }

    /// The brand registry as the engine loads it.
    public var brandRegistry: BrandRegistry {
        BrandRegistry(currency: scenario.currency, brands: SimulatedBrand.catalog.enumerated().map { index, brand in
            BrandRecord(name: brand.name,
                        referencePrices: Dictionary(brand.lines.map { ($0.category, Double($0.referencePrice)) }, uniquingKeysWith: { a, _ in a }),
                        authorizedMerchants: Set(plan.authorizedMerchants[index]),
                        officialImageHashes: scenario.officialImagesPublished ? Set(brand.officialImageHashes(seed: scenario.seed)) : [])
        })
    }

    /// What every merchant and listing really is, and every ring.
    public var truth: GroundTruth {
        var listings: [ListingTruth] = []
        let merchants = plan.merchants.map { merchant -> MerchantTruth in
            listings += merchant.listings.map {
                ListingTruth(listingID: $0.id, merchantID: merchant.id, counterfeit: $0.counterfeit, brand: $0.brand)
            }
            return MerchantTruth(
                merchantID: merchant.id, label: merchant.population.isCounterfeit ? .counterfeit : .honest,
                population: merchant.population, ringID: merchant.ringIndex.map { plan.rings[$0].id },
                siteID: merchant.siteIndex.map { plan.sites[$0].id },
                ownerID: merchant.ownerID, warehouseID: merchant.warehouseIndex.map { plan.warehouses[$0].id },
                adaptive: merchant.adaptive ? true : nil,
                firstListingTS: merchant.listings.map(\.createTS).min() ?? scenario.startTime,
                listings: merchant.listings.count, counterfeitListings: merchant.listings.filter(\.counterfeit).count)
        }
        let rings = plan.rings.map { ring in
            RingTruth(ringID: ring.id, merchants: ring.members.map { plan.merchants[$0].id }.sorted(),
                      brands: ring.brands.map { SimulatedBrand.catalog[$0].name },
                      districts: ring.districts.map { "\($0.province)/\($0.city)/\($0.district)" })
        }
        return GroundTruth(scenario: scenario.name, seed: scenario.seed, startTime: scenario.startTime,
                           endTime: scenario.startTime + scenario.duration, merchants: merchants, listings: listings, rings: rings)
    }

    private func writeBrandRecord(_ brand: SimulatedBrand, authorized: [String], into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("reference_prices")
        writer.beginObject()
        for line in brand.lines {
            writer.key(line.category)
            writer.money(cents: line.referencePrice * 100)
        }
        writer.endObject()
        writer.key("authorized_merchants")
        writer.stringArray(authorized)
        if scenario.officialImagesPublished {
            writer.key("official_image_hashes")
            writer.stringArray(brand.officialImageHashes(seed: scenario.seed))
        }
        writer.endObject()
    }
}
