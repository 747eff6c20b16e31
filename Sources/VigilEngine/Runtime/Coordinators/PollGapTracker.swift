/// Measures the longest time the run loop spent between two consumer polls: the time records
/// waited in librdkafka while the loop was busy elsewhere (routing, commits, checkpoints).
///
/// It reports the longest gap of the current window (``window``, default 10 s) and of the
/// previous one, so a scrape every few seconds never misses a gap, and an old stall stops
/// counting after two windows. Time is injected. Used on the consumer thread only.
struct PollGapTracker {
    /// How long a gap counts toward the maximum.
    let window: Duration
    private var lastPollReturn: ContinuousClock.Instant?
    private var windowStart: ContinuousClock.Instant?
    private var currentMax: Duration = .zero
    private var previousMax: Duration = .zero
    /// The longest gap ever seen.
    private(set) var longest: Duration = .zero

    /// Creates a tracker whose maximum covers the last one to two `window`s.
    init(window: Duration = .seconds(10)) {
        self.window = window
    }

    /// Notes that a poll is about to start at `now`.
    mutating func pollStarts(at now: ContinuousClock.Instant) {
        roll(to: now)
        guard let last = lastPollReturn else { return }
        let gap = now - last
        currentMax = max(currentMax, gap)
        longest = max(longest, gap)
    }

    /// Notes that a poll returned at `now`.
    mutating func pollReturned(at now: ContinuousClock.Instant) {
        lastPollReturn = now
    }

    /// Forgets the last poll (e.g. while the consumer deliberately stops polling to hold
    /// input back), so the next poll starts a new gap.
    mutating func reset() {
        lastPollReturn = nil
    }

    /// The longest gap in the current and the previous window, as of `now`.
    mutating func recentMaximum(at now: ContinuousClock.Instant) -> Duration {
        roll(to: now)
        return max(currentMax, previousMax)
    }

    private mutating func roll(to now: ContinuousClock.Instant) {
        guard let start = windowStart else { windowStart = now; return }
        guard now - start >= window else { return }
        previousMax = now - start >= window * 2 ? .zero : currentMax
        currentMax = .zero
        windowStart = now
    }
}
