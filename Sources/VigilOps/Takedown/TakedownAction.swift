import Logging

/// What happens to an intercepted listing or merchant: the seam to the marketplace's takedown API.
public protocol TakedownAction: Sendable {
    /// Takes down the verdict's listing (subject `listing`) or suspends the merchant (subject
    /// `merchant`). Called once per distinct verdict id with decision `intercept`.
    func intercept(_ verdict: TakedownVerdict) throws
}

/// The reference action: logs what a real integration would take down.
public struct LoggingTakedownAction: TakedownAction {
    private let logger: Logger

    /// Creates the action.
    public init(logger: Logger = Logger(label: "vigil.takedown")) { self.logger = logger }

    /// Logs `intercept listing <id> of merchant <id> (score N, verdict <id>)`.
    public func intercept(_ verdict: TakedownVerdict) {
        let target = verdict.listingID.map { "listing \($0) of merchant \(verdict.merchantID)" } ?? "merchant \(verdict.merchantID)"
        logger.notice("intercept \(target) (score \(verdict.score), verdict \(verdict.verdictID))")
    }
}
