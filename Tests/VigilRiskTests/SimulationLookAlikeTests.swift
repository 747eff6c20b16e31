import Foundation
import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: honest look-alikes and harder counterfeiters (random seed 2)")
struct SimulationLookAlikeTests {
    static let shipFrom: [String: Set<String>] = {
        var seen: [String: Set<String>] = [:]
        for case .logistics(let event) in SimulatedRandom.events { seen[event.merchantID, default: []].insert(event.shipFrom.addressHash) }
        return seen
    }()
    static let devices: [String: Set<String>] = {
        var seen: [String: Set<String>] = [:]
        for listing in SimulatedRandom.listingEvents { seen[listing.merchantID, default: []].insert(listing.seller.deviceID) }
        return seen
    }()

    @Test func everyNewPopulationIsDrawnAndLabelledRight() {
        for population in [PopulationKind.secondHandReseller, .newStore, .multiShopOwner, .fulfilmentClient, .soloCounterfeiter] {
            #expect(!SimulatedRandom.merchants(population).isEmpty, "\(population.rawValue) is in the draw")
        }
        #expect(Set(PopulationKind.allCases.filter(\.isCounterfeit)) == [.ringMember, .soloCounterfeiter])
        #expect(PopulationKind.secondHandReseller.rawValue == "second_hand_reseller" && PopulationKind.fulfilmentClient.rawValue == "fulfilment_client")
        for merchant in SimulatedRandom.truth.merchants {
            #expect(merchant.isCounterfeit == merchant.population.isCounterfeit)
            if merchant.population == .soloCounterfeiter { #expect(merchant.ringID == nil) }
        }
    }

    @Test func fulfilmentClientsShareTheWarehouseShipFromWithTwentyOrMoreShops() {
        var shops: [String: Set<String>] = [:]
        for (merchant, hashes) in Self.shipFrom { for hash in hashes { shops[hash, default: []].insert(merchant) } }
        let clients = SimulatedRandom.merchants(.fulfilmentClient)
        for client in clients {
            guard let hashes = Self.shipFrom[client.merchantID] else { continue }
            #expect(client.warehouseID != nil)
            #expect(hashes.count == 1)
            #expect(shops[hashes.first!]!.count >= 20, "\(client.merchantID) shares its ship-from with \(shops[hashes.first!]!.count) shops")
            #expect(shops[hashes.first!]!.allSatisfy { SimulatedRandom.merchants[$0]?.warehouseID == client.warehouseID })
        }
        #expect(clients.filter { Self.shipFrom[$0.merchantID] != nil }.count > clients.count * 9 / 10)
    }

    @Test func multiShopOwnersRunTwoOrThreeHonestShopsFromOneDevice() {
        let byOwner = Dictionary(grouping: SimulatedRandom.merchants(.multiShopOwner), by: { $0.ownerID ?? "" })
        #expect(byOwner[""] == nil)
        #expect(byOwner.count == SimulatedRandom.scenario.multiShopOwners)
        for (owner, shops) in byOwner {
            #expect((2...3).contains(shops.count), "\(owner) runs \(shops.count) shops")
            let devices = shops.map { Self.devices[$0.merchantID] ?? [] }
            #expect(Set(devices.flatMap { $0 }).count == 1, "\(owner) uses one device")
            #expect(shops.allSatisfy { !$0.isCounterfeit })
        }
    }

    @Test func secondHandResellersSellGenuineUsedBrandGoodsTheyAreNotAuthorisedFor() {
        let wording = CounterfeitWording()
        let official = Set(SimulatedBrand.catalog.flatMap { $0.officialImageHashes(seed: SimulatedRandom.seed) })
        var used = 0
        var withOfficialPhoto = 0
        for listing in SimulatedRandom.listingEvents where listing.action == .create
            && SimulatedRandom.merchants[listing.merchantID]?.population == .secondHandReseller {
            guard let brand = listing.brand, let reference = SimulatedRandom.registry.referencePrice(brand: brand, category: listing.category) else { continue }
            used += 1
            #expect((0.395...0.755).contains(listing.price / reference), "\(listing.title): \(listing.price) of \(reference)")
            #expect(!SimulatedRandom.registry.isAuthorized(merchant: listing.merchantID, brand: brand))
            #expect(listing.title.contains("pre-owned") || listing.title.contains("二手") || listing.title.contains("used")
                    || listing.title.contains("second-hand"), "\(listing.title)")
            #expect(!wording.isFlagged(listing.title), "\(listing.title)")
            #expect(SimulatedRandom.listings[listing.listingID]?.counterfeit == false)
            if !official.isDisjoint(with: listing.imageHashes) { withOfficialPhoto += 1 }
            #expect(listing.seller.storeAgeDays >= 400)
        }
        #expect(used > 50)
        #expect(withOfficialPhoto > 0 && withOfficialPhoto < used / 2, "\(withOfficialPhoto) of \(used) show the official photo")
    }

    @Test func newStoresAreYoungBasicAndHaveRatesOverOneToThreeEvents() {
        var charges: [String: Int] = [:]
        var refunds: [String: Int] = [:]
        for case .payment(let payment) in SimulatedRandom.events where SimulatedRandom.merchants[payment.merchantID]?.population == .newStore {
            if payment.kind == .charge { charges[payment.merchantID, default: 0] += 1 } else if payment.kind == .refund { refunds[payment.merchantID, default: 0] += 1 }
        }
        let days = Int(SimulatedRandom.scenario.duration / 86_400_000)
        var basic = 0
        var listings = 0
        for listing in SimulatedRandom.listingEvents where SimulatedRandom.merchants[listing.merchantID]?.population == .newStore {
            #expect(listing.seller.storeAgeDays <= 30 + days)
            if listing.seller.template == .basic { basic += 1 }
            listings += 1
        }
        #expect(basic > listings * 3 / 4)
        let stores = SimulatedRandom.merchants(.newStore)
        #expect(stores.allSatisfy { (1...3).contains($0.listings) })
        let orderCounts = stores.map { charges[$0.merchantID] ?? 0 }
        #expect(orderCounts.filter { $0 <= 3 }.count > stores.count * 2 / 3, "most new stores have 3 orders or fewer")
        #expect(stores.contains { charges[$0.merchantID] == 1 && refunds[$0.merchantID] == 1 }, "one refund of one order happens")
    }

    @Test func soloCounterfeitersShareNothingWithOtherShops() {
        var owners: [String: Set<String>] = [:]
        for case .payment(let payment) in SimulatedRandom.events { owners[payment.payoutAccount, default: []].insert(payment.merchantID) }
        let solos = Set(SimulatedRandom.merchants(.soloCounterfeiter).map(\.merchantID))
        for (_, merchants) in owners where !merchants.isDisjoint(with: solos) { #expect(merchants.count == 1) }
        #expect(SimulatedRandom.merchants(.soloCounterfeiter).contains { $0.counterfeitListings > 0 })
    }

    @Test func adaptiveCounterfeitersLookGenuineExceptInTheImageText() {
        let wording = CounterfeitWording()
        let adaptive = SimulatedRandom.truth.merchants.filter { $0.adaptive == true }
        #expect(!adaptive.isEmpty && adaptive.allSatisfy(\.isCounterfeit))
        #expect(adaptive.contains { $0.population == .ringMember } && adaptive.contains { $0.population == .soloCounterfeiter })
        let ids = Set(adaptive.map(\.merchantID))
        var checked = 0
        var devices: [String: Set<String>] = [:]
        var listingsPerShop: [String: Set<String>] = [:]
        for listing in SimulatedRandom.listingEvents where ids.contains(listing.merchantID) {
            devices[listing.merchantID, default: []].insert(listing.seller.deviceID)
            listingsPerShop[listing.merchantID, default: []].insert(listing.listingID)
            #expect(listing.seller.template == .custom && listing.seller.storeAgeDays >= 200)
            guard listing.action == .create, SimulatedRandom.listings[listing.listingID]?.counterfeit == true,
                  let reference = SimulatedRandom.registry.referencePrice(brand: listing.brand ?? "", category: listing.category) else { continue }
            checked += 1
            #expect(!wording.isFlagged(listing.title), "\(listing.title)")
            #expect(listing.price >= 0.84 * reference, "\(listing.title): \(listing.price) of \(reference)")
            #expect(listing.imageTextPrices.count == 1 && listing.imageTextPrices[0] <= 0.2 * reference)
        }
        #expect(checked > 20)
        for (merchant, shopDevices) in devices { #expect(shopDevices.count == listingsPerShop[merchant]!.count, "a new device per listing") }
    }

    @Test func officialImageHashesArePublishedOnlyWhenTheScenarioSaysSo() throws {
        func publishedHashes(_ simulator: MarketplaceSimulator) throws -> [String: Set<String>] {
            let root = try JSONSerialization.jsonObject(with: Data(simulator.brandRegistryJSON)) as! [String: Any]
            let brands = root["brands"] as! [String: [String: Any]]
            return brands.compactMapValues { ($0["official_image_hashes"] as? [String]).map(Set.init) }
        }
        #expect(SimulatedRandom.scenario.officialImagesPublished)
        let published = try publishedHashes(SimulatedRandom.simulator)
        #expect(published.count == SimulatedBrand.catalog.count)
        var authorisedListings = 0
        for listing in SimulatedRandom.listingEvents where listing.action == .create {
            guard let merchant = SimulatedRandom.merchants[listing.merchantID], let brand = listing.brand,
                  merchant.population == .authorizedSeller || merchant.population == .discountSeller,
                  SimulatedRandom.registry.referencePrice(brand: brand, category: listing.category) != nil else { continue }
            authorisedListings += 1
            #expect(!published[brand, default: []].isDisjoint(with: listing.imageHashes), "\(listing.listingID) uses the official photo")
        }
        #expect(authorisedListings > 50)
        for record in SimulatedRandom.simulator.brandRecords {
            #expect(String(decoding: record.value, as: UTF8.self).contains("\"official_image_hashes\":[\""))
        }
        // The registry the engine parses from the file is the simulator's own, official photos included.
        #expect(try BrandRegistry(fileBytes: SimulatedRandom.simulator.brandRegistryJSON, source: "brands.json") == SimulatedRandom.registry)

        // A draw where rights holders keep their photos to themselves: sellers still use them.
        let privateDraw = try #require((UInt64(1)...40).lazy.map { SimulationScenario.random(seed: $0) }.first { !$0.officialImagesPublished })
        let simulator = try MarketplaceSimulator(scenario: privateDraw)
        #expect(try publishedHashes(simulator).isEmpty)
        #expect(!String(decoding: simulator.brandRegistryJSON, as: UTF8.self).contains("official_image_hashes"))
        let official = Set(SimulatedBrand.catalog.flatMap { $0.officialImageHashes(seed: privateDraw.seed) })
        let plan = MarketplacePlanner(scenario: privateDraw).plan()
        let brandListings = plan.merchants.filter { $0.population == .authorizedSeller }.flatMap(\.listings).filter { $0.logos == [$0.brand ?? ""] }
        #expect(!brandListings.isEmpty && brandListings.allSatisfy { !official.isDisjoint(with: $0.imageHashes) })
    }
}
