import Foundation
import Logging
import Metrics
import Synchronization

/// Hot reload of the XGBoost model configured in `risk.yml` (`scoring.xgboost`): polls the file's
/// size and modification time (``ModelFileSignature``) every ``Configuration/interval``; when they
/// changed, builds a new ``RiskAssessor`` from the same configuration (which loads the file and
/// checks that every feature the model reads is in the ``FeatureCatalog``) and swaps it into the
/// ``RiskContext`` atomically. Verdicts then carry the new `model_version`.
///
/// A file that cannot be loaded — corrupt, truncated, an unknown feature — is rejected with one
/// error line naming the file and the problem, and the old model keeps scoring; the same file is
/// not retried until it changes again. Counted by `vigil_model_reloads_total{result="ok|rejected"}`.
///
/// ``poll(now:)`` takes the time from its caller, so tests drive it without sleeping; ``run()``
/// drives it from `ContinuousClock`.
public final class ModelReloader: Sendable {
    /// How often to look at the file.
    public struct Configuration: Sendable, Hashable {
        /// Time between two looks at the file; default 10 s.
        public var interval: Duration
        /// Creates a configuration; see each property for its default.
        public init(interval: Duration = .seconds(10)) {
            self.interval = interval
        }
    }

    /// What one poll did.
    public enum Outcome: Sendable, Hashable {
        /// Not due yet, or the file did not change.
        case unchanged
        /// A new assessor scores from now on, with this model version.
        case reloaded(modelVersion: String)
        /// The changed file was refused (the message says why); the old model keeps scoring.
        case rejected(String)
    }

    private struct State {
        var nextCheck: ContinuousClock.Instant?
        var signature: ModelFileSignature?
    }

    /// The model file watched.
    public let path: String
    /// The polling settings.
    public let configuration: Configuration
    private let context: RiskContext
    private let logger: Logger
    private let state: Mutex<State>
    private let reloaded = Counter(label: "vigil_model_reloads_total", dimensions: [("result", "ok")])
    private let rejected = Counter(label: "vigil_model_reloads_total", dimensions: [("result", "rejected")])

    /// A reloader for the model of `context`'s assessor, or `nil` when it scores with a scorecard
    /// (no `scoring.xgboost` file). The file as it is now counts as already loaded.
    public convenience init?(context: RiskContext, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "vigil.model")) {
        guard let path = context.assessor.configuration.xgboostModelPath else { return nil }
        self.init(context: context, path: path, configuration: configuration, logger: logger)
    }

    private init(context: RiskContext, path: String, configuration: Configuration, logger: Logger) {
        self.context = context
        self.path = path
        self.configuration = configuration
        self.logger = logger
        state = Mutex(State(nextCheck: nil, signature: ModelFileSignature.of(path: path)))
    }

    /// Looks at the file if a check is due at `now` (the first call always checks), and reloads it when it changed.
    @discardableResult
    public func poll(now: ContinuousClock.Instant) -> Outcome {
        let signature: ModelFileSignature? = state.withLock { state in
            if let next = state.nextCheck, now < next { return nil }
            state.nextCheck = now.advanced(by: configuration.interval)
            guard let current = ModelFileSignature.of(path: path), current != state.signature else { return nil }
            state.signature = current
            return current
        }
        guard signature != nil else { return .unchanged }
        let old = context.assessor
        do {
            let assessor = try RiskAssessor(configuration: old.configuration)
            context.replaceAssessor(assessor)
            reloaded.increment()
            logger.notice("model reloaded from \(path): \(old.modelVersion) -> \(assessor.modelVersion)")
            return .reloaded(modelVersion: assessor.modelVersion)
        } catch {
            rejected.increment()
            let message = "model reload rejected: \(error); still scoring with \(old.modelVersion)"
            logger.error("\(message)")
            return .rejected(message)
        }
    }

    /// Polls every ``Configuration/interval`` until the task is cancelled.
    public func run() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            poll(now: clock.now)
            do { try await clock.sleep(for: configuration.interval) } catch { return }
        }
    }
}
