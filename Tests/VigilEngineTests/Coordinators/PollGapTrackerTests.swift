import Testing
@testable import VigilEngine

@Suite("Poll gap tracker")
struct PollGapTrackerTests {
    let t0 = ContinuousClock.now

    @Test("the longest time between a poll's return and the next poll's start is reported")
    func longestGap() {
        var tracker = PollGapTracker(window: .seconds(10))
        tracker.pollStarts(at: t0)
        tracker.pollReturned(at: t0 + .milliseconds(100))   // time inside poll is not a gap
        tracker.pollStarts(at: t0 + .milliseconds(130))
        tracker.pollReturned(at: t0 + .milliseconds(140))
        tracker.pollStarts(at: t0 + .milliseconds(400))      // 260 ms outside poll
        tracker.pollReturned(at: t0 + .milliseconds(410))
        #expect(tracker.recentMaximum(at: t0 + .seconds(1)) == .milliseconds(260))
        #expect(tracker.longest == .milliseconds(260))
    }

    @Test("a gap stops counting after two windows; a reset (holding input back) is not a gap")
    func windows() {
        var tracker = PollGapTracker(window: .seconds(10))
        tracker.pollStarts(at: t0)
        tracker.pollReturned(at: t0)
        tracker.pollStarts(at: t0 + .milliseconds(500))
        tracker.pollReturned(at: t0 + .milliseconds(500))
        #expect(tracker.recentMaximum(at: t0 + .seconds(11)) == .milliseconds(500), "still within the previous window")
        #expect(tracker.recentMaximum(at: t0 + .seconds(22)) == .zero, "two windows later it is forgotten")
        tracker.pollReturned(at: t0 + .seconds(22))
        tracker.reset()
        tracker.pollStarts(at: t0 + .seconds(25))
        #expect(tracker.recentMaximum(at: t0 + .seconds(25)) == .zero)
        #expect(tracker.longest == .milliseconds(500))
    }
}
