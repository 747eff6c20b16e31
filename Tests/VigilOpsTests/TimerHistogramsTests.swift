import CoreMetrics
import Testing
@testable import VigilOps

/// Quantiles of the engine's timers from an HDR histogram, not from Prometheus text.
@Suite struct TimerHistogramsTests {
    @Test func keepsTheChosenTimersPerDimensions() throws {
        let histograms = TimerHistograms(labels: ["latency"])
        let verdicts = histograms.makeTimer(label: "latency", dimensions: [("topic", "risk.verdicts")])
        let leads = histograms.makeTimer(label: "latency", dimensions: [("topic", "risk.leads")])
        for millisecond in 1...1_000 { verdicts.recordNanoseconds(Int64(millisecond) * 1_000_000) }
        leads.recordNanoseconds(5_000_000_000)
        let quantiles = histograms.quantiles(label: "latency", dimensions: [("topic", "risk.verdicts")])
        #expect(quantiles.count == 1_000)
        let p50 = try #require(quantiles.quantile(0.5))
        let p99 = try #require(quantiles.quantile(0.99))
        #expect(abs(p50 - 0.5) < 0.001, "\(p50)")
        #expect(abs(p99 - 0.99) < 0.001, "\(p99)")
        #expect(histograms.quantiles(label: "latency", dimensions: [("topic", "risk.leads")]).quantile(0.5).map { abs($0 - 5) < 0.01 } == true)
        #expect(histograms.quantiles(label: "latency").quantile(0.5) == nil, "no observations without dimensions")
    }

    @Test func otherMetricsAreLeftToTheOtherFactories() {
        let histograms = TimerHistograms(labels: ["latency"])
        histograms.makeTimer(label: "other", dimensions: []).recordNanoseconds(1_000)
        #expect(histograms.quantiles(label: "other").count == 0)
        #expect(histograms.makeCounter(label: "latency", dimensions: []) is NOOPMetricsHandler)
    }
}
