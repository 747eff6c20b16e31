import Logging
import Metrics
import Synchronization
import VigilEngine

/// What the risk topology's operators share across lanes: the live brand registry, the risk
/// assessor (swappable while running, see ``replaceAssessor(_:)``), the case store and metrics.
/// Thread-safe.
public final class RiskContext: Sendable {
    private let brandRegistry: Mutex<BrandRegistry>
    private let currentAssessor: Mutex<RiskAssessor>
    private let generation = Atomic<Int>(0)
    /// Whether the merchant stage writes the feature log (`risk.feature_log`; default `true`).
    /// It also needs its topology to declare the `feature-log` sink.
    public let featureLogEnabled: Bool
    /// Where leads are kept for investigators, if configured.
    public let cases: CaseStore?
    /// The marketplace's own hour-by-hour baseline of review bursts, against which a shop's burst
    /// is read (``MarketplaceBaseline``).
    public let marketplace: MarketplaceBaseline
    let logger: Logger
    private let verdictCounters = Mutex<[String: Counter]>([:])
    private let leadCounter = Counter(label: "vigil_leads_total")
    private let labelCounter = Counter(label: "vigil_labels_applied_total")
    private let expiredLabelCounter = Counter(label: "vigil_labels_expired_total")

    /// Creates the context.
    /// - Parameters:
    ///   - brands: The registry loaded from the brands file (updated live from `marketplace.brands`).
    ///   - assessor: The risk assessor built from `config/risk.yml`.
    ///   - cases: The SQLite case store for leads, or `nil`.
    ///   - featureLog: Whether the merchant stage logs feature rows (default `true`).
    ///   - marketplace: When a review burst is the marketplace's rather than the shop's (default: the
    ///     assessor configuration's `marketplace` section).
    public init(brands: BrandRegistry, assessor: RiskAssessor, cases: CaseStore?, featureLog: Bool = true,
                marketplace: MarketplaceBaseline.Settings? = nil, logger: Logger = Logger(label: "vigil.risk")) {
        self.brandRegistry = Mutex(brands)
        self.currentAssessor = Mutex(assessor)
        self.featureLogEnabled = featureLog
        self.cases = cases
        self.marketplace = MarketplaceBaseline(settings: marketplace ?? assessor.configuration.marketplace)
        self.logger = logger
    }

    /// The assessor as of now. Operators keep a copy and re-read it only when
    /// ``assessorGeneration`` moves (``AssessorSnapshot``), so that a record is scored by one model.
    public var assessor: RiskAssessor { currentAssessor.withLock { $0 } }

    /// Counts ``replaceAssessor(_:)`` calls; one atomic load tells a lane whether its copy is current.
    public var assessorGeneration: Int { generation.load(ordering: .acquiring) }

    /// Swaps the assessor atomically (a model hot reload): records already being scored finish
    /// with the old one, every record a lane starts afterwards gets `assessor`.
    public func replaceAssessor(_ assessor: RiskAssessor) {
        currentAssessor.withLock { $0 = assessor }
        generation.add(1, ordering: .releasing)
    }

    /// The registry as of now.
    public var brands: BrandRegistry { brandRegistry.withLock { $0 } }

    /// Applies a record of the compacted `marketplace.brands` topic (empty value deletes the brand).
    public func applyBrandRecord(key: [UInt8]?, value: [UInt8]?) {
        brandRegistry.withLock { registry in
            do { try registry.apply(key: key, value: value) } catch {
                logger.warning("brand record ignored: \(error)")
            }
        }
    }

    func countVerdict(_ decision: VerdictDecision) {
        let counter = verdictCounters.withLock { counters in
            if let existing = counters[decision.rawValue] { return existing }
            let created = Counter(label: "vigil_verdicts_total", dimensions: [("decision", decision.rawValue)])
            counters[decision.rawValue] = created
            return created
        }
        counter.increment()
    }

    func countLead() { leadCounter.increment() }

    /// Counts a label applied and keeps it in the case store (when there is one).
    func recordLabel(_ label: LabelEvent) {
        labelCounter.increment()
        guard let cases else { return }
        do { try cases.recordLabel(label) } catch { logger.error("label \(label.labelID) not kept in the case store: \(error)") }
    }

    /// Counts labels of merchants never seen that expired with their entry.
    func countExpiredLabels(_ count: Int) { expiredLabelCounter.increment(by: count) }
}
