import Foundation
import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: labels on marketplace.labels (random seed 2)")
struct SimulationLabelTests {
    /// Every label parsed by Foundation (not by the simulator's own code).
    static var objects: [[String: Any]] {
        SimulatedRandom.labels.map { try! JSONSerialization.jsonObject(with: Data($0.value)) as! [String: Any] }
    }
    static let createdAt: [String: Int64] = {
        var times: [String: Int64] = [:]
        for listing in SimulatedRandom.listingEvents where listing.action == .create { times[listing.listingID] = listing.ts }
        return times
    }()

    @Test func everyLabelHasTheContractShape() {
        #expect(!Self.objects.isEmpty)
        let fields: Set<String> = ["event_id", "merchant_id", "ts", "label_id", "listing_id", "outcome", "source", "brand", "note"]
        var eventIDs = Set<String>()
        var labelIDs = Set<String>()
        for (label, object) in zip(SimulatedRandom.labels, Self.objects) {
            #expect(Set(object.keys) == fields, "\(object.keys.sorted())")
            let eventID = object["event_id"] as? String ?? ""
            let merchantID = object["merchant_id"] as? String ?? ""
            #expect((1...128).contains(eventID.count) && (1...64).contains(merchantID.count))
            #expect(merchantID == label.key && label.key == label.merchantID)
            let text = String(decoding: label.value, as: UTF8.self)
            let ts = text.components(separatedBy: "\"ts\":").last?.prefix { $0 != "," } ?? ""
            #expect(!ts.isEmpty && ts.allSatisfy(\.isNumber), "ts is an integer: \(ts)")
            #expect((object["ts"] as? NSNumber)?.int64Value == label.eventTime)
            #expect(object["label_id"] is String)
            #expect(object["listing_id"] is String || object["listing_id"] is NSNull)
            #expect(object["brand"] is String || object["brand"] is NSNull)
            #expect(object["note"] is String || object["note"] is NSNull)
            #expect(["counterfeit", "genuine"].contains(object["outcome"] as? String ?? ""))
            #expect(["test_buy", "rights_holder", "appeal", "enforcement", "manual_review"].contains(object["source"] as? String ?? ""))
            if let listingID = object["listing_id"] as? String {
                #expect(SimulatedRandom.listings[listingID]?.merchantID == merchantID, "\(listingID) belongs to \(merchantID)")
            }
            #expect(SimulatedRandom.merchants[merchantID] != nil)
            eventIDs.insert(eventID)
            labelIDs.insert(label.labelID)
        }
        #expect(eventIDs.count == Self.objects.count && labelIDs.count == Self.objects.count)
        #expect(eventIDs.isDisjoint(with: SimulatedRandom.events.prefix(1_000).map(\.eventID)))
        #expect(SimulatedRandom.labels.map(\.eventTime) == SimulatedRandom.labels.map(\.eventTime).sorted())
        let sources = Set(SimulatedRandom.labels.map(\.source))
        #expect(sources.isSuperset(of: [.testBuy, .rightsHolder, .appeal, .enforcement]))
    }

    @Test func labelsAreRareAndLate() {
        let events = Set(SimulatedRandom.events.map(\.eventID)).count
        #expect(Double(SimulatedRandom.labels.count) < 0.01 * Double(events), "\(SimulatedRandom.labels.count) labels for \(events) events")
        let hour: Int64 = 3_600_000
        let week: Int64 = 7 * 24 * hour
        var beyondSpan = 0
        for label in SimulatedRandom.labels {
            let delay = label.eventTime - label.judgedTime
            #expect(delay >= hour && delay <= 6 * week, "\(label.source.rawValue) delay \(delay) ms")
            if let listingID = label.listingID, let created = Self.createdAt[listingID] {
                #expect(label.eventTime - created >= hour && label.eventTime - created <= 4 * week)
            } else if let first = SimulatedRandom.merchants[label.merchantID]?.firstListingTS {
                #expect(label.eventTime - first >= hour && label.eventTime - first <= 8 * week)
            }
            if label.eventTime >= SimulatedRandom.truth.endTime { beyondSpan += 1 }
        }
        #expect(beyondSpan > 0, "some outcomes are established after the simulated span")
    }

    @Test func outcomesAgreeWithTheTruthAndWrongComplaintsAreAppealed() throws {
        var complaintsOnHonest: [String: Int64] = [:]
        var appeals: [String: Int64] = [:]
        var rightComplaints = 0
        for label in SimulatedRandom.labels {
            let merchant = try #require(SimulatedRandom.merchants[label.merchantID])
            switch label.source {
            case .testBuy:
                let listing = try #require(SimulatedRandom.listings[label.listingID ?? ""])
                #expect(label.outcome == (listing.counterfeit ? .counterfeit : .genuine))
            case .rightsHolder:
                #expect(label.outcome == .counterfeit && label.brand != nil && label.listingID != nil)
                if SimulatedRandom.listings[label.listingID!]!.counterfeit { rightComplaints += 1 } else {
                    #expect(!merchant.isCounterfeit)
                    complaintsOnHonest[label.listingID!] = label.eventTime
                }
            case .appeal:
                #expect(label.outcome == .genuine && !merchant.isCounterfeit)
                appeals[label.listingID ?? ""] = label.eventTime
            case .enforcement:
                #expect(label.outcome == .counterfeit && merchant.isCounterfeit && label.listingID == nil)
            case .manualReview:
                #expect(label.outcome == (merchant.isCounterfeit ? .counterfeit : .genuine))
            }
        }
        #expect(!complaintsOnHonest.isEmpty && rightComplaints > complaintsOnHonest.count, "complaints are mostly right")
        #expect(Set(appeals.keys) == Set(complaintsOnHonest.keys), "every wrong complaint is appealed, and only those")
        for (listing, complained) in complaintsOnHonest { #expect(appeals[listing]! > complained, "the appeal follows the complaint") }
        // Enforcement closes whole rings.
        let enforced = Set(SimulatedRandom.labels.filter { $0.source == .enforcement }.map(\.merchantID))
        for ring in SimulatedRandom.truth.rings where !enforced.isDisjoint(with: ring.merchants) {
            #expect(Set(ring.merchants).isSubset(of: enforced), "\(ring.ringID) is closed as a whole")
        }
    }

    @Test func fileWriterWritesTheLabelsFile() throws {
        var scenario = SimulationScenario.small
        scenario.labels = LabelPolicy(testBuyRate: 0.05)
        let simulator = try MarketplaceSimulator(scenario: scenario)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-sim-labels-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SimulationFileWriter(directory: directory).write(simulator)
        let written = try Data(contentsOf: directory.appendingPathComponent(SimulationFileWriter.labelsFileName))
        let expected = simulator.labels.flatMap { $0.value + [UInt8(ascii: "\n")] }
        #expect(!simulator.labels.isEmpty)
        #expect(Array(written) == expected)
        // Labels change nothing else: the events are small's.
        #expect(simulator.records() == SimulatedSmall.records)
    }
}
