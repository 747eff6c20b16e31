import VigilRisk

extension SimulationScenario {
    /// Checks that the scenario can be simulated.
    /// - Throws: ``SimulationError/invalidScenario(_:)`` naming the setting and a fix.
    public func validate() throws(SimulationError) {
        func fail(_ message: String) throws(SimulationError) { throw .invalidScenario(message) }
        if duration < 3_600_000 { try fail("duration is \(duration) ms; simulate at least one hour (3,600,000 ms)") }
        if honestMerchants < 0 || coworkingMerchants < 0 || authorizedSellers < 0 || discountSellers < 0 || rings < 0 {
            try fail("population sizes must be >= 0; set honestMerchants, coworkingMerchants, authorizedSellers, discountSellers and rings to 0 or more")
        }
        for (label, count) in [("secondHandResellers", secondHandResellers), ("newStores", newStores), ("multiShopOwners", multiShopOwners),
                               ("fulfilmentClients", fulfilmentClients), ("soloCounterfeiters", soloCounterfeiters)] where count < 0 {
            try fail("\(label) is \(count); population sizes must be >= 0, set it to 0 or more")
        }
        if coworkingMerchants > 0 && coworkingSites < 1 { try fail("coworkingMerchants is \(coworkingMerchants) but coworkingSites is \(coworkingSites); use at least 1 site") }
        if coworkingMerchants > 0 && coworkingMerchants < 2 * coworkingSites {
            try fail("\(coworkingMerchants) co-working merchants cannot fill \(coworkingSites) sites with 2 each; lower coworkingSites or raise coworkingMerchants")
        }
        if shopsPerOwner.lowerBound < 2 || shopsPerOwner.upperBound > 5 {
            try fail("shopsPerOwner \(shopsPerOwner) is outside 2...5; a multi-shop owner runs 2 to 5 shops")
        }
        if fulfilmentClients > 0 && fulfilmentWarehouses < 1 {
            try fail("fulfilmentClients is \(fulfilmentClients) but fulfilmentWarehouses is \(fulfilmentWarehouses); use at least 1 warehouse")
        }
        if fulfilmentClients > 0 && fulfilmentClients < 20 * fulfilmentWarehouses {
            try fail("\(fulfilmentClients) fulfilment clients cannot give \(fulfilmentWarehouses) warehouses 20 shops each; lower fulfilmentWarehouses or raise fulfilmentClients")
        }
        if ringSize.lowerBound < 3 || ringSize.upperBound > 60 { try fail("ringSize \(ringSize) is outside 3...60; rings have 3 to 60 shops") }
        if listingsPerMerchant.lowerBound < 1 { try fail("listingsPerMerchant \(listingsPerMerchant) must start at 1 or more") }
        if ordersPerListing < 0 || counterfeitOrdersPerListing < 0 { try fail("orders per listing must be >= 0") }
        var rates = [("counterfeitListingShare", counterfeitListingShare), ("counterfeitWordingRate", counterfeitWordingRate),
                     ("ocrMismatchRate", ocrMismatchRate), ("fakeReviewBurstRate", fakeReviewBurstRate),
                     ("outOfOrderRate", outOfOrderRate), ("duplicateRate", duplicateRate),
                     ("logoMisdetectionRate", logoMisdetectionRate), ("harmlessSlangRate", harmlessSlangRate),
                     ("adaptiveCounterfeiterShare", adaptiveCounterfeiterShare)]
        if let festival {
            rates += [("festival.shopShare", festival.shopShare), ("festival.reviewBurstRate", festival.reviewBurstRate),
                      ("festival.newAccountShare", festival.newAccountShare)]
        }
        if let labels {
            rates += [("labels.testBuyRate", labels.testBuyRate), ("labels.complaintRate", labels.complaintRate),
                      ("labels.wrongComplaintShare", labels.wrongComplaintShare), ("labels.enforcementShare", labels.enforcementShare),
                      ("labels.manualReviewRate", labels.manualReviewRate)]
        }
        for (label, rate) in rates where !(0...1).contains(rate) {
            try fail("\(label) is \(rate); rates are fractions in 0...1")
        }
        if let labels, labels.wrongComplaintShare >= 1 {
            try fail("labels.wrongComplaintShare is \(labels.wrongComplaintShare); most complaints are right, use less than 1")
        }
        if let festival {
            if festival.length < 3_600_000 { try fail("festival.length is \(festival.length) ms; a festival sale lasts at least one hour (3,600,000 ms)") }
            if festival.startOffset < 0 || festival.startOffset + festival.length > duration {
                try fail("festival window \(festival.startOffset)+\(festival.length) ms is outside the \(duration) ms simulated; move festival.startOffset or shorten festival.length")
            }
            if festival.discountPercent.lowerBound < 1 || festival.discountPercent.upperBound > 90 {
                try fail("festival.discountPercent \(festival.discountPercent) is outside 1...90; use a percentage off such as 20...50")
            }
        }
        if maxLateness < 1 || maxLateness > 300_000 { try fail("maxLateness is \(maxLateness) ms; use 1...300,000 (the contract allows a few minutes)") }
        if currency.utf8.count != 3 || !currency.utf8.allSatisfy({ (65...90).contains($0) }) {
            try fail("currency \"\(currency)\" is not an ISO 4217 code; use three capital letters such as \"CNY\"")
        }
        if merchantUpperBound > 9_999_999 { try fail("at most 9,999,999 merchants fit the id format; shrink the populations") }
    }
}
