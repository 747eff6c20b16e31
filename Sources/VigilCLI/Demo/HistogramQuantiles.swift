/// Quantiles of a Prometheus histogram read from exposition text (linear within a bucket).
struct HistogramQuantiles {
    private var buckets: [(upper: Double, count: Double)] = []

    /// Reads `<metric>_bucket{...,le="…"}` lines whose labels include `topic="<topic>"`.
    init(metricsText: String, metric: String, topic: String) {
        var byBound: [Double: Double] = [:]
        for line in metricsText.split(separator: "\n") where line.hasPrefix("\(metric)_bucket{") && line.contains("topic=\"\(topic)\"") {
            guard let leStart = line.range(of: "le=\""), let close = line[leStart.upperBound...].firstIndex(of: "\""),
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            let bound = String(line[leStart.upperBound..<close])
            byBound[bound == "+Inf" ? .infinity : Double(bound) ?? .infinity, default: 0] += value
        }
        buckets = byBound.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Observations counted.
    var count: Double { buckets.last?.count ?? 0 }

    /// The q-quantile in seconds, or `nil` without observations.
    func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = q * count
        var previous: (upper: Double, count: Double) = (0, 0)
        for bucket in buckets {
            if bucket.count >= rank {
                guard bucket.upper.isFinite else { return previous.upper }
                let inBucket = bucket.count - previous.count
                let fraction = inBucket > 0 ? (rank - previous.count) / inBucket : 1
                return previous.upper + (bucket.upper - previous.upper) * fraction
            }
            previous = bucket
        }
        return previous.upper
    }
}
