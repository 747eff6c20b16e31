import Testing
import VigilKafka
@testable import VigilEngine

/// Backpressure without Kafka: hold, pause after the hold lasts, resume at half capacity.
@Suite struct FlowControllerTests {
    let consumer = FakeConsumer(assigned: [KafkaTopicPartition(topic: "in", partition: 0), KafkaTopicPartition(topic: "in", partition: 1)])

    @Test func underCapacityItPolls() {
        var flow = FlowController(capacity: 100, pauseAfter: .seconds(1), logger: quietLogger)
        let step = flow.step(deepestLane: 100, now: FakeClock().now, consumer: consumer)
        #expect(step == .init(decision: .poll))
        #expect(flow.fullSince == nil)
    }

    @Test func overCapacityItHoldsThenPausesAfterTheHoldLasts() {
        var clock = FakeClock()
        var flow = FlowController(capacity: 100, pauseAfter: .seconds(1), logger: quietLogger)
        let step1 = flow.step(deepestLane: 101, now: clock.now, consumer: consumer)
        #expect(step1 == .init(decision: .hold, startedHolding: true))
        clock.advance(by: .milliseconds(999))
        let step2 = flow.step(deepestLane: 150, now: clock.now, consumer: consumer)
        #expect(step2 == .init(decision: .hold), "one hold, counted once")
        #expect(consumer.pauses == 0)
        clock.advance(by: .milliseconds(1))
        let step3 = flow.step(deepestLane: 150, now: clock.now, consumer: consumer)
        #expect(step3 == .init(decision: .poll, pausedPartitions: 2))
        #expect(flow.paused && consumer.pauses == 1)
        clock.advance(by: .seconds(5))
        let step4 = flow.step(deepestLane: 150, now: clock.now, consumer: consumer)
        #expect(step4 == .init(decision: .poll), "paused, it keeps polling for group events")
        #expect(consumer.pauses == 1)
    }

    @Test func aShortBurstNeverPauses() {
        var clock = FakeClock()
        var flow = FlowController(capacity: 100, pauseAfter: .seconds(1), logger: quietLogger)
        _ = flow.step(deepestLane: 200, now: clock.now, consumer: consumer)
        clock.advance(by: .milliseconds(600))
        let step5 = flow.step(deepestLane: 90, now: clock.now, consumer: consumer)
        #expect(step5.decision == .poll)
        clock.advance(by: .milliseconds(600))
        let step6 = flow.step(deepestLane: 200, now: clock.now, consumer: consumer)
        #expect(step6 == .init(decision: .hold, startedHolding: true), "the hold starts over")
        #expect(consumer.pauses == 0)
    }

    @Test func resumesOnlyAtHalfCapacity() {
        var clock = FakeClock()
        var flow = FlowController(capacity: 100, pauseAfter: .zero, logger: quietLogger)
        let step7 = flow.step(deepestLane: 101, now: clock.now, consumer: consumer)
        #expect(step7.pausedPartitions == 2)
        clock.advance(by: .milliseconds(10))
        let step8 = flow.step(deepestLane: 51, now: clock.now, consumer: consumer)
        #expect(step8 == .init(decision: .poll))
        #expect(flow.paused)
        let step9 = flow.step(deepestLane: 50, now: clock.now, consumer: consumer)
        #expect(step9 == .init(decision: .poll, resumed: true))
        #expect(!flow.paused && consumer.resumes == 1 && flow.fullSince == nil)
    }

    @Test func aFailedPauseKeepsHolding() {
        var clock = FakeClock()
        var flow = FlowController(capacity: 10, pauseAfter: .milliseconds(100), logger: quietLogger)
        consumer.failing = true
        _ = flow.step(deepestLane: 11, now: clock.now, consumer: consumer)
        clock.advance(by: .milliseconds(100))
        let step10 = flow.step(deepestLane: 11, now: clock.now, consumer: consumer)
        #expect(step10 == .init(decision: .hold))
        #expect(!flow.paused)
    }
}
