import Synchronization

/// The marketplace's own baseline of review bursts, hour by hour of event time: how many shops
/// had reviews in an hour and how many of them a review burst, so that a marketplace-wide sale
/// (many shops bursting at once) is read as the marketplace's season, not as each shop's
/// anomaly (``surge(at:)``).
///
/// The merchant stage reports each merchant once per hour when its first review of the hour
/// arrives (``recordReviewedShop(hour:)``) and once when its reviews in that hour become a burst
/// (``recordBurstingShop(hour:)``), unless the burst is suspicious in itself (its reviews come
/// from few devices, as a click farm's do: ``Settings/innocentDevicesPerReview``) or the merchant
/// is linked to others: the baseline is made of independent bursts only, so a ring's coordinated
/// campaign never becomes the baseline that excuses it. A surge of such bursts (a sale: many
/// genuine buyers, each on a device of their own, many of them new, in shops of every kind) is
/// what a shop's burst is read against. Shared by every lane of an instance; each instance counts the
/// merchants of its own partitions, which (keyed by merchant) are a random sample of the
/// marketplace, so its shares estimate the marketplace's. The counts are not checkpointed: after
/// a restart an hour is counted again from the merchants' next reviews. Thread-safe.
public final class MarketplaceBaseline: Sendable {
    /// When a burst is a shop's and when the marketplace's.
    public struct Settings: Sendable, Hashable {
        /// `seasonal`: whether review bursts are read against the marketplace at all. Default `true`.
        public var enabled: Bool
        /// Reviews of one shop within one clock hour that, with ``burstRatio``, make a burst. Default 5
        /// (the `review_burst_new_accounts` rule's `minimum_volume`).
        public var burstVolume: Int
        /// The shop's `review_burst_ratio` (last hour against its 7-day hourly average) that, with
        /// ``burstVolume``, makes a burst. Default 8 (the rule's `threshold`).
        public var burstRatio: Double
        /// A burst counts toward the baseline only while the shop's `review_devices_per_review_7d`
        /// is at least this: its reviewers are on devices of their own. Default 0.8.
        public var innocentDevicesPerReview: Double
        /// Share of the shops reviewed in an hour that must be bursting for a surge. Default 0.05.
        public var surgeShare: Double
        /// Fewest bursting shops for a surge, so that a few shops of a small marketplace are never
        /// one. Default 10.
        public var minimumBurstingShops: Int
        /// Hours of counts kept. Default 48.
        public var hoursKept: Int

        /// Creates settings; every parameter has the documented default.
        public init(enabled: Bool = true, burstVolume: Int = 5, burstRatio: Double = 8, innocentDevicesPerReview: Double = 0.8, surgeShare: Double = 0.05,
                    minimumBurstingShops: Int = 10, hoursKept: Int = 48) {
            self.enabled = enabled
            self.burstVolume = burstVolume
            self.burstRatio = burstRatio
            self.innocentDevicesPerReview = innocentDevicesPerReview
            self.surgeShare = surgeShare
            self.minimumBurstingShops = minimumBurstingShops
            self.hoursKept = hoursKept
        }
    }

    private struct Hour {
        var reviewed = 0
        var bursting = 0
    }

    /// The settings in force.
    public let settings: Settings
    private let hours = Mutex<[Int64: Hour]>([:])

    /// A baseline with no hours counted yet.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The hour (epoch hours) of an event time in epoch ms.
    public static func hour(of eventTime: Int64) -> Int64 {
        eventTime >= 0 ? eventTime / 3_600_000 : (eventTime - 3_599_999) / 3_600_000
    }

    /// Counts one more shop with reviews in `hour`.
    public func recordReviewedShop(hour: Int64) {
        update(hour) { $0.reviewed += 1 }
    }

    /// Counts one more shop with a review burst in `hour`.
    /// - Returns: The surge, when this shop made `hour` one (once per hour, for the log).
    @discardableResult
    public func recordBurstingShop(hour: Int64) -> ReviewSurge? {
        var started: ReviewSurge?
        update(hour) { counts in
            let before = isSurge(counts)
            counts.bursting += 1
            if !before, isSurge(counts) { started = ReviewSurge(hour: hour, burstingShops: counts.bursting, reviewedShops: counts.reviewed) }
        }
        return started
    }

    private func isSurge(_ counts: Hour) -> Bool {
        counts.bursting >= settings.minimumBurstingShops && Double(counts.bursting) >= settings.surgeShare * Double(counts.reviewed)
    }

    /// The surge in progress at `eventTime`: the hour of `eventTime` or the hour before it, when
    /// at least ``Settings/minimumBurstingShops`` and ``Settings/surgeShare`` of its reviewed shops
    /// were bursting (the later hour first); `nil` in ordinary times and when not ``Settings/enabled``.
    public func surge(at eventTime: Int64) -> ReviewSurge? {
        guard settings.enabled else { return nil }
        let hour = Self.hour(of: eventTime)
        return hours.withLock { hours in
            for candidate in [hour, hour - 1] {
                guard let counts = hours[candidate], isSurge(counts) else { continue }
                return ReviewSurge(hour: candidate, burstingShops: counts.bursting, reviewedShops: counts.reviewed)
            }
            return nil
        }
    }

    private func update(_ hour: Int64, _ change: (inout Hour) -> Void) {
        hours.withLock { hours in
            change(&hours[hour, default: Hour()])
            if hours.count > settings.hoursKept, let newest = hours.keys.max() {
                hours = hours.filter { $0.key > newest - Int64(settings.hoursKept) }
            }
        }
    }
}
