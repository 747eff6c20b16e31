import Foundation
import Synchronization
import Testing
@testable import VigilOps

@Suite("Takedown")
struct TakedownTests {
    final class RecordingAction: TakedownAction {
        let intercepted = Mutex<[String]>([])
        func intercept(_ verdict: TakedownVerdict) { intercepted.withLock { $0.append(verdict.verdictID) } }
    }

    static func verdict(_ id: String, _ decision: String, merchant: String, listing: String?) -> String {
        let listingJSON = listing.map { "\"\($0)\"" } ?? "null"
        return #"{"verdict_id":"\#(id)","subject":"\#(listing == nil ? "merchant" : "listing")","merchant_id":"\#(merchant)","listing_id":\#(listingJSON),"score":80,"decision":"\#(decision)","reasons":[{"code":"ocr_price_mismatch","detail":"x","weight":0.5}],"model_version":"m1","event_id":"e-\#(id)","event_ts":1,"decided_at":2,"extra_field":true}"#
    }

    @Test func eachVerdictIDIsCountedOnce() throws {
        let lines = [
            Self.verdict("v1", "allow", merchant: "m1", listing: "l1"),
            Self.verdict("v2", "intercept", merchant: "m1", listing: "l2"),
            Self.verdict("v2", "intercept", merchant: "m1", listing: "l2"),
            Self.verdict("v3", "review", merchant: "m2", listing: "l3"),
            Self.verdict("v4", "intercept", merchant: "m2", listing: "l4"),
            Self.verdict("v1", "allow", merchant: "m1", listing: "l1"),
            Self.verdict("v5", "intercept", merchant: "m2", listing: nil),
            Self.verdict("v4", "intercept", merchant: "m2", listing: "l4"),
            "not json",
            "",
        ].joined(separator: "\n")
        let action = RecordingAction()
        let processor = TakedownProcessor(action: action)
        try processor.processLines(lines)
        let tally = processor.tally
        #expect(tally.allow == 1)
        #expect(tally.review == 1)
        #expect(tally.intercept == 3)
        #expect(tally.verdicts == 5)
        #expect(tally.duplicates == 3)
        #expect(tally.malformed == 1)
        #expect(tally.interceptedListings == ["l2", "l4"])
        #expect(tally.interceptedMerchants == ["m1", "m2"])
        #expect(action.intercepted.withLock { $0 } == ["v2", "v4", "v5"])
    }

    @Test func aFailedInterceptIsNotMarkedApplied() throws {
        struct Failing: TakedownAction {
            struct Down: Error {}
            func intercept(_ verdict: TakedownVerdict) throws { throw Down() }
        }
        let ledger = InMemoryVerdictLedger()
        let processor = TakedownProcessor(ledger: ledger, action: Failing())
        #expect(throws: Failing.Down.self) { try processor.processLines(Self.verdict("v9", "intercept", merchant: "m", listing: "l")) }
        #expect(!ledger.isApplied("v9"))
        #expect(processor.tally.intercept == 0)
    }
}
