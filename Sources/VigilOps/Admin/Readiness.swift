/// Whether the process may receive work, with a short reason when it may not.
public struct Readiness: Sendable, Equatable {
    /// `true` when ready.
    public var isReady: Bool
    /// Why not ready (empty when ready), e.g. `"no partitions assigned yet"`.
    public var reason: String

    /// Creates a readiness answer.
    public init(isReady: Bool, reason: String = "") {
        self.isReady = isReady
        self.reason = reason
    }

    /// Ready.
    public static let ready = Readiness(isReady: true)

    /// Not ready, because of `reason`.
    public static func notReady(_ reason: String) -> Readiness { Readiness(isReady: false, reason: reason) }
}

/// Answers `GET /ready`. Called on every request, so it must be cheap and must not block.
public typealias ReadinessCheck = @Sendable () -> Readiness
