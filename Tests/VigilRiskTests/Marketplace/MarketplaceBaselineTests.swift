import Testing
@testable import VigilRisk

@Suite("Marketplace baseline: when a review burst is the marketplace's")
struct MarketplaceBaselineTests {
    static let hourMs: Int64 = 3_600_000
    let hour: Int64 = 481_200

    func baseline(reviewed: Int, bursting: Int, in hour: Int64, settings: MarketplaceBaseline.Settings = .init()) -> MarketplaceBaseline {
        let baseline = MarketplaceBaseline(settings: settings)
        for _ in 0..<reviewed { baseline.recordReviewedShop(hour: hour) }
        for _ in 0..<bursting { baseline.recordBurstingShop(hour: hour) }
        return baseline
    }

    @Test func aSurgeNeedsEnoughBurstingShopsAndAShareOfTheReviewedOnes() {
        let at = hour * Self.hourMs + 1_000
        #expect(baseline(reviewed: 200, bursting: 10, in: hour).surge(at: at) == ReviewSurge(hour: hour, burstingShops: 10, reviewedShops: 200))
        #expect(baseline(reviewed: 200, bursting: 9, in: hour).surge(at: at) == nil, "fewer than 10 bursting shops are never a surge")
        #expect(baseline(reviewed: 1_000, bursting: 49, in: hour).surge(at: at) == nil, "4.9 % of the reviewed shops is ordinary")
        #expect(baseline(reviewed: 1_000, bursting: 50, in: hour).surge(at: at)?.share == 0.05)
        #expect(MarketplaceBaseline().surge(at: at) == nil)
    }

    @Test func aSurgeLastsIntoTheNextHourButNotLonger() {
        let surging = baseline(reviewed: 100, bursting: 20, in: hour)
        #expect(surging.surge(at: (hour + 1) * Self.hourMs + 59 * 60_000)?.hour == hour)
        #expect(surging.surge(at: (hour + 2) * Self.hourMs) == nil)
        #expect(surging.surge(at: (hour - 1) * Self.hourMs) == nil, "an hour before the surge is ordinary")
    }

    @Test func theHourThatBecomesASurgeIsReportedOnce() {
        let baseline = MarketplaceBaseline()
        for _ in 0..<100 { baseline.recordReviewedShop(hour: hour) }
        let reports = (0..<30).compactMap { _ in baseline.recordBurstingShop(hour: hour) }
        #expect(reports == [ReviewSurge(hour: hour, burstingShops: 10, reviewedShops: 100)])
    }

    @Test func onlyTheNewestHoursAreKept() {
        let baseline = baseline(reviewed: 100, bursting: 20, in: hour, settings: .init(hoursKept: 3))
        #expect(baseline.surge(at: hour * Self.hourMs) != nil)
        for later in 1...3 { baseline.recordReviewedShop(hour: hour + Int64(later)) }
        #expect(baseline.surge(at: hour * Self.hourMs) == nil, "the surge's hour was forgotten")
    }

    @Test func hoursOfEventTimeRoundDown() {
        #expect(MarketplaceBaseline.hour(of: 0) == 0)
        #expect(MarketplaceBaseline.hour(of: 3_599_999) == 0)
        #expect(MarketplaceBaseline.hour(of: 3_600_000) == 1)
        #expect(MarketplaceBaseline.hour(of: -1) == -1)
    }

    @Test func theMarketplaceSectionOfTheRiskConfiguration() throws {
        let configuration = try RiskConfiguration.parse(yaml: "marketplace:\n  seasonal: false\n  surge_share: 0.2\n  minimum_bursting_shops: 25\n  devices_per_review: 0.9\n", file: "risk.yml")
        #expect(configuration.marketplace == MarketplaceBaseline.Settings(enabled: false, innocentDevicesPerReview: 0.9, surgeShare: 0.2, minimumBurstingShops: 25))
        #expect(baseline(reviewed: 100, bursting: 50, in: hour, settings: configuration.marketplace).surge(at: hour * Self.hourMs) == nil, "seasonal: false reads no surge")
        #expect(try RiskConfiguration.load(path: repositoryRootPath + "/config/risk.yml").marketplace == MarketplaceBaseline.Settings(), "config/risk.yml states the defaults")
        do {
            _ = try RiskConfiguration.parse(yaml: "marketplace:\n  surge: 0.2\n", file: "risk.yml")
            Issue.record("an unknown key must be refused")
        } catch let error as RiskConfigurationError {
            #expect("\(error)".contains("surge"))
        }
    }

    private var repositoryRootPath: String { FX.repoRoot.path }
}
