import Testing
@testable import VigilState

@Suite struct WatermarkTests {
    @Test func watermarkTrailsTheLatestEventByTheAllowedLateness() {
        var watermark = Watermark()
        #expect(watermark.allowedLatenessMs == 120_000)
        #expect(watermark.currentMs == nil)
        #expect(!watermark.isLate(0))
        watermark.observe(eventTimeMs: 1_000_000)
        watermark.observe(eventTimeMs: 900_000)  // never moves back
        #expect(watermark.currentMs == 880_000)
        #expect(watermark.isLate(879_999))
        #expect(!watermark.isLate(880_000))
    }

    @Test func partitionsHaveIndependentWatermarks() {
        var watermarks = PartitionWatermarks(allowedLatenessMs: 10)
        watermarks.observe(partition: 0, eventTimeMs: 100)
        watermarks.observe(partition: 1, eventTimeMs: 50)
        #expect(watermarks.watermark(of: 0) == 90)
        #expect(watermarks.watermark(of: 1) == 40)
        #expect(watermarks.isLate(partition: 0, eventTimeMs: 80))
        #expect(!watermarks.isLate(partition: 1, eventTimeMs: 80))
        #expect(!watermarks.isLate(partition: 2, eventTimeMs: 0))
        #expect(watermarks.minimumMs == 40)
        watermarks.remove(partition: 1)
        #expect(watermarks.minimumMs == 90)
    }
}
