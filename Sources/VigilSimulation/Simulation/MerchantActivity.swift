import VigilPrimitives
import VigilRisk

/// Turns one merchant's plan into its events over the simulated span: listing creates,
/// updates and delists; orders with charges, shipments, deliveries, returns, refunds and
/// chargebacks; buyers' reviews; for ring shops and solo counterfeiters, fake-review bursts;
/// and for shops taking part in the festival sale, its prices, orders and review bursts.
///
/// Each merchant draws from its own random stream, so its events do not depend on any
/// other merchant's.
struct MerchantActivity {
    /// An event before delivery order is decided.
    struct TimedEvent {
        var kind: EventKind
        var ts: Int64
        var value: [UInt8]
    }

    let scenario: SimulationScenario
    let merchant: MerchantPlan
    private let ring: RingPlan?
    private let encoder: SimulatedEventEncoder
    var rng: SimulationRNG
    /// The festival sale's own stream (see ``simulateFestival(_:)``).
    var festivalRNG: SimulationRNG
    let runTag: String
    var end: Int64 { scenario.startTime + scenario.duration }
    let minute: Int64 = 60_000
    let hour: Int64 = 3_600_000
    private var serial = 0
    private var orders = 0
    private var reviews = 0
    private(set) var events: [TimedEvent] = []

    init(scenario: SimulationScenario, merchant: MerchantPlan, ring: RingPlan?, root: SimulationRNG) {
        self.scenario = scenario
        self.merchant = merchant
        self.ring = ring
        encoder = SimulatedEventEncoder(currency: scenario.currency)
        rng = root.fork(5_000_000 + UInt64(merchant.number))
        festivalRNG = root.fork(0xFE57_0000_0000 &+ UInt64(merchant.number))
        runTag = String(FNV1a64.hex(scenario.seed).suffix(6))
    }

    /// Generates every event of the merchant, in no particular order.
    mutating func run() -> [TimedEvent] {
        events.reserveCapacity(merchant.listings.count * 24)
        for listing in merchant.listings { simulate(listing) }
        return events
    }

    // MARK: Listings

    private mutating func simulate(_ listing: ListingPlan) {
        emitListing(listing, action: .create, ts: listing.createTS, price: listing.priceCents, stock: listing.stock)
        let activeEnd = min(listing.delistTS ?? end, end)
        var price = listing.priceCents
        var stock = listing.stock
        let updates = rng.poisson(mean: listing.counterfeit ? 1.2 : 0.8)
        for ts in sortedTimes(updates, from: listing.createTS + 10 * minute, to: activeEnd) {
            if !listing.priceFixed, rng.chance(0.6) {
                price = max(100, price * Int64(rng.int(in: 85...112)) / 100)
            }
            stock = max(0, stock + rng.int(in: -stock / 3...10))
            emitListing(listing, action: .update, ts: ts, price: price, stock: stock)
        }
        if let delist = listing.delistTS, delist < end {
            emitListing(listing, action: .delist, ts: delist, price: price, stock: stock)
        }
        let lifetime = Double(activeEnd - listing.createTS) / Double(scenario.duration * 7 / 10)
        var mean = (listing.counterfeit ? scenario.counterfeitOrdersPerListing : scenario.ordersPerListing) * min(1, max(0, lifetime))
        if merchant.population == .authorizedSeller || merchant.population == .discountSeller { mean *= 2 }
        if merchant.population == .newStore { mean = min(mean * 0.25, 0.7) }  // a few orders: rates over one to three events
        for ts in sortedTimes(rng.poisson(mean: mean), from: listing.createTS + 10 * minute, to: activeEnd) {
            simulateOrder(of: listing, at: ts)
        }
        let farmDevices = ring?.clickFarmDevices ?? merchant.clickFarmDevices
        let farmIPs = ring?.clickFarmIPs ?? merchant.clickFarmIPs
        if listing.fakeReviewBurst, !farmDevices.isEmpty, !farmIPs.isEmpty {
            simulateFakeReviews(on: listing, devices: farmDevices, ips: farmIPs)
        }
        if merchant.festivalDiscount != nil { simulateFestival(listing) }
    }

    mutating func emitListing(_ listing: ListingPlan, action: ListingEvent.ListingAction, ts: Int64, price: Int64, stock: Int) {
        let seller = SimulatedEventEncoder.Seller(
            storeAgeDays: merchant.storeAgeDays + Int((ts - scenario.startTime) / 86_400_000), template: merchant.template,
            verifiedID: merchant.verifiedID, deviceID: listing.deviceID ?? rng.pick(merchant.devices), ip: rng.pick(merchant.ips), wifi: merchant.wifi)
        let value = encoder.listing(eventID: nextEventID(), merchantID: merchant.id, ts: ts, listing: listing, action: action,
                                    priceCents: price, stock: stock, seller: seller)
        events.append(TimedEvent(kind: .listing, ts: ts, value: value))
    }

    // MARK: Orders

    mutating func simulateOrder(of listing: ListingPlan, at ts: Int64) {
        orders += 1
        let orderID = "o-" + merchant.id + "-" + String(orders)
        let buyer = SimulatedBuyer(number: rng.int(in: 1...500_000), seed: scenario.seed)
        let quantity: Int64 = listing.counterfeit ? 1 : (rng.chance(0.9) ? 1 : Int64(rng.int(in: 2...3)))
        let amount = listing.chargeCents * quantity
        let bad = listing.counterfeit
        func pay(_ kind: PaymentEvent.PaymentKind, _ amount: Int64, at time: Int64, _ suffix: String, into activity: inout MerchantActivity) {
            guard time < activity.end else { return }
            let payment = SimulatedEventEncoder.Payment(
                paymentID: "p-" + orderID.dropFirst(2) + suffix, orderID: orderID, listingID: listing.id, buyerID: buyer.id,
                kind: kind, amountCents: amount, payoutAccount: activity.merchant.payoutAccount, buyerAccount: buyer.account)
            let value = activity.encoder.payment(eventID: activity.nextEventID(), merchantID: activity.merchant.id, ts: time, payment)
            activity.events.append(TimedEvent(kind: .payment, ts: time, value: value))
        }
        pay(.charge, amount, at: ts, "-c", into: &self)
        if rng.chance(bad ? 0.10 : 0.005) {
            pay(.chargeback, amount, at: ts + rng.int64(in: (12 * hour)...(48 * hour)), "-cb", into: &self)
        }
        // A new store's first order often goes wrong: one refund of one order is a 100 % rate.
        let firstOfNewStore = merchant.population == .newStore && orders == 1
        guard rng.chance(bad ? 0.94 : firstOfNewStore ? 0.75 : 0.99) else {  // cancelled before shipping
            pay(.refund, amount, at: ts + rng.int64(in: hour...(12 * hour)), "-r", into: &self)
            return
        }
        let carrier = rng.chance(0.8) ? merchant.carrier : rng.pick(SimulationVocabulary.carriers)
        let shipFrom = rng.pick(merchant.shipFrom)
        func ship(_ status: LogisticsEvent.ShipmentStatus, at time: Int64, into activity: inout MerchantActivity) {
            guard time < activity.end else { return }
            let shipment = SimulatedEventEncoder.Shipment(
                shipmentID: "s-" + orderID.dropFirst(2), orderID: orderID, status: status, carrier: carrier, shipFrom: shipFrom,
                returnAddressHash: activity.merchant.returnAddress, receiverAddressHash: buyer.addressHash)
            let value = activity.encoder.logistics(eventID: activity.nextEventID(), merchantID: activity.merchant.id, ts: time, shipment)
            activity.events.append(TimedEvent(kind: .logistics, ts: time, value: value))
        }
        let shipped = ts + rng.int64(in: hour...(24 * hour))
        ship(.shipped, at: shipped, into: &self)
        let delivered = shipped + rng.int64(in: (12 * hour)...(48 * hour))
        ship(.delivered, at: delivered, into: &self)
        if rng.chance(bad ? 0.4 : 0.35) {
            let (rating, text) = bad ? counterfeitBuyerReview() : honestBuyerReview()
            emitReview(listingID: listing.id, buyerID: buyer.id, rating: rating, text: text, accountAge: buyer.accountAgeDays,
                       device: buyer.device, ip: buyer.ip, ts: delivered + rng.int64(in: hour...(48 * hour)))
        }
        if rng.chance(bad ? 0.25 : firstOfNewStore ? 0.3 : 0.02) {
            let returned = delivered + rng.int64(in: (6 * hour)...(36 * hour))
            ship(.returned, at: returned, into: &self)
            pay(.refund, amount, at: returned + rng.int64(in: hour...(12 * hour)), "-r", into: &self)
        } else if rng.chance(bad ? 0.05 : 0.01) {  // partial refund without a return
            pay(.refund, max(100, amount / 5), at: delivered + rng.int64(in: hour...(24 * hour)), "-r", into: &self)
        }
    }

    // MARK: Reviews

    mutating func honestBuyerReview() -> (Int, String) {
        let roll = rng.int(in: 1...100)
        let rating = roll <= 60 ? 5 : roll <= 85 ? 4 : roll <= 93 ? 3 : roll <= 97 ? 2 : 1
        if rating <= 2 { return (rating, rng.pick(SimulationVocabulary.honestComplaints)) }
        if rng.chance(0.1) { return (rating, rng.pick(SimulationVocabulary.fakeReviewTexts)) }  // real buyers write "good" too
        let parts = [rng.pick(SimulationVocabulary.reviewOpeners), rng.pick(SimulationVocabulary.reviewMiddles),
                     rng.pick(SimulationVocabulary.reviewClosers)].filter { !$0.isEmpty }
        return (rating, parts.joined(separator: " "))
    }

    private mutating func counterfeitBuyerReview() -> (Int, String) {
        if rng.chance(0.6) { return (rng.int(in: 1...2), rng.pick(SimulationVocabulary.counterfeitComplaints)) }
        return (rng.int(in: 3...5), rng.pick(SimulationVocabulary.neutralTexts))
    }

    /// 8–30 five-star reviews from days-old accounts on a click farm's few devices and IPs,
    /// a few minutes apart, within hours of the listing going live.
    private mutating func simulateFakeReviews(on listing: ListingPlan, devices: [String], ips: [String]) {
        var ts = listing.createTS + rng.int64(in: (30 * minute)...(6 * hour))
        for _ in 0..<rng.int(in: 8...30) {
            guard ts < end else { return }
            let buyerID = "nb-" + runTag + "-" + String(rng.next() % 10_000_000)
            emitReview(listingID: listing.id, buyerID: buyerID, rating: rng.chance(0.85) ? 5 : 4,
                       text: rng.pick(SimulationVocabulary.fakeReviewTexts), accountAge: rng.int(in: 0...5),
                       device: rng.pick(devices), ip: rng.pick(ips), ts: ts)
            ts += rng.int64(in: minute...(6 * minute))
        }
    }

    mutating func emitReview(listingID: String, buyerID: String, rating: Int, text: String, accountAge: Int,
                                     device: String, ip: String, ts: Int64) {
        guard ts < end else { return }
        reviews += 1
        let review = SimulatedEventEncoder.Review(
            reviewID: "r-" + merchant.id + "-" + String(reviews), listingID: listingID, buyerID: buyerID, rating: rating,
            text: text, buyerAccountAgeDays: accountAge, deviceID: device, ip: ip)
        events.append(TimedEvent(kind: .review, ts: ts, value: encoder.review(eventID: nextEventID(), merchantID: merchant.id, ts: ts, review)))
    }

    // MARK: Helpers

    /// `e<run>-<merchant>-<n>`: unique within a data set, and across seeds.
    private mutating func nextEventID() -> String {
        serial += 1
        return "e" + runTag + "-" + merchant.id + "-" + String(serial)
    }

    /// `count` uniform times in `[from, to)`, sorted; none when the span is empty.
    mutating func sortedTimes(_ count: Int, from: Int64, to: Int64) -> [Int64] {
        guard to > from, count > 0 else { return [] }
        return (0..<count).map { _ in rng.int64(in: from...(to - 1)) }.sorted()
    }
}
