import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: every event is contract-valid")
struct SimulationContractTests {
    @Test func everyRecordDecodesWithItsKey() {
        let failures = SimulatedSmall.decoded.enumerated().compactMap { index, result -> String? in
            if case .failure(let violation) = result {
                return "record \(index) (\(SimulatedSmall.records[index].topic)): \(violation): \(String(decoding: SimulatedSmall.records[index].value, as: UTF8.self))"
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(SimulatedSmall.events.count == SimulatedSmall.records.count)
    }

    @Test func smallScenarioSizeAndTopics() {
        let records = SimulatedSmall.records
        #expect((10_000...20_000).contains(records.count), "small scenario has \(records.count) records")
        for record in records {
            #expect(record.topic == SimulatedRecord.defaultTopic(for: record.kind))
        }
        let kinds = Set(records.map(\.kind))
        #expect(kinds == Set(EventKind.allCases))
    }

    @Test func everyActionKindAndStatusOccurs() {
        var actions = Set<ListingEvent.ListingAction>()
        var payments = Set<PaymentEvent.PaymentKind>()
        var statuses = Set<LogisticsEvent.ShipmentStatus>()
        var nullWifi = false
        for event in SimulatedSmall.events {
            switch event {
            case .listing(let listing):
                actions.insert(listing.action)
                if listing.seller.wifiBSSID == nil { nullWifi = true }
            case .payment(let payment): payments.insert(payment.kind)
            case .logistics(let logistics): statuses.insert(logistics.status)
            case .review: break
            }
        }
        #expect(actions == Set(ListingEvent.ListingAction.allCases))
        #expect(payments == Set(PaymentEvent.PaymentKind.allCases))
        #expect(statuses == Set(LogisticsEvent.ShipmentStatus.allCases))
        #expect(nullWifi)
    }

    @Test func eventsStayInsideTheSimulatedSpan() {
        let truth = SimulatedSmall.truth
        for event in SimulatedSmall.events {
            #expect(event.ts >= truth.startTime && event.ts < truth.endTime)
        }
    }

    @Test func deliveryIsByEventTimeWithBoundedLatenessAndSomeDuplicates() {
        let scenario = SimulationScenario.small
        var latestOverall: Int64 = 0
        var latestPerMerchant: [String: Int64] = [:]
        var outOfOrder = 0
        for record in SimulatedSmall.records {
            // Globally, a record is at most maxLateness behind the latest delivered.
            #expect(record.eventTime > latestOverall - scenario.maxLateness - 1)
            latestOverall = max(latestOverall, record.eventTime)
            let latest = latestPerMerchant[record.key] ?? .min
            if record.eventTime < latest {
                outOfOrder += 1
                #expect(latest - record.eventTime <= scenario.maxLateness)
            }
            latestPerMerchant[record.key] = max(latest, record.eventTime)
        }
        #expect(outOfOrder > 0)
        let summary = SimulationSummary(records: SimulatedSmall.records, merchants: SimulatedSmall.truth.merchants.count)
        #expect(summary.records - summary.distinctEvents > 0, "some events are delivered twice")
        #expect(summary.records - summary.distinctEvents < summary.records / 100)
        #expect(summary.maxOutOfOrder <= scenario.maxLateness)
    }

    @Test func duplicatesAreByteIdentical() {
        var byID: [String: [UInt8]] = [:]
        var duplicates = 0
        for (record, event) in zip(SimulatedSmall.records, SimulatedSmall.events) {
            if let earlier = byID[event.eventID] {
                duplicates += 1
                #expect(earlier == record.value)
            } else {
                byID[event.eventID] = record.value
            }
        }
        #expect(duplicates > 0)
    }

    @Test func brandRegistryFileParsesAndMatches() throws {
        let simulator = SimulatedSmall.simulator
        let parsed = try BrandRegistry(fileBytes: simulator.brandRegistryJSON, source: "brands.json")
        #expect(parsed == simulator.brandRegistry)
        #expect(parsed.currency == "CNY")
        #expect(parsed.knows(brand: "rolex") && parsed.knows(brand: "Louis Vuitton") && parsed.knows(brand: "hermès"))
        #expect(parsed.referencePrice(brand: "Rolex", category: "watches") == 68_000)
        var fromTopic = BrandRegistry(currency: "CNY")
        for record in simulator.brandRecords { try fromTopic.apply(key: record.key, value: record.value) }
        #expect(fromTopic == parsed)
        // Every authorised merchant is a simulated authorised or discount seller.
        for brand in parsed.brands {
            for merchant in brand.authorizedMerchants {
                let population = SimulatedSmall.merchants[merchant]?.population
                #expect(population == .authorizedSeller || population == .discountSeller)
            }
        }
    }

    @Test func listingsMatchTheTruth() {
        var created = Set<String>()
        for listing in SimulatedSmall.listingEvents {
            let truth = SimulatedSmall.listings[listing.listingID]
            #expect(truth?.merchantID == listing.merchantID, "listing \(listing.listingID) is in the truth")
            if listing.action == .create { created.insert(listing.listingID) }
        }
        #expect(created == Set(SimulatedSmall.truth.listings.map(\.listingID)))
        for merchant in SimulatedSmall.truth.merchants {
            #expect(merchant.isCounterfeit == (merchant.population == .ringMember))
            #expect(merchant.isCounterfeit == (merchant.ringID != nil))
        }
    }
}
