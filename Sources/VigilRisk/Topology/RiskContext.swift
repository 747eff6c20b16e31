import Logging
import Metrics
import Synchronization
import VigilEngine

/// What the risk topology's operators share across lanes: the live brand registry, the risk
/// assessor, the case store and metrics. Thread-safe.
public final class RiskContext: Sendable {
    private let brandRegistry: Mutex<BrandRegistry>
    /// Scores listings and merchants.
    public let assessor: RiskAssessor
    /// Where leads are kept for investigators, if configured.
    public let cases: CaseStore?
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
    public init(brands: BrandRegistry, assessor: RiskAssessor, cases: CaseStore?, logger: Logger = Logger(label: "vigil.risk")) {
        self.brandRegistry = Mutex(brands)
        self.assessor = assessor
        self.cases = cases
        self.logger = logger
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
