import Foundation
import Logging
import VigilEngine
import VigilKafka
import VigilOps
import VigilRisk

/// Builds what the counterfeit topology needs: the registry of decoders and operators with the
/// domain's added, and the shared ``RiskContext`` (brand registry, assessor, case store).
enum RiskWiring {
    /// Where the risk domain's inputs live.
    struct Paths {
        /// The risk configuration the commands that score use when none is given.
        static let defaultRiskConfiguration = "config/risk.yml"

        /// The risk configuration (format: `config/risk.yml`: thresholds, rules, scorecard or
        /// XGBoost model); `nil` uses the built-in defaults. A file that is given must exist.
        var riskConfig: String?
        /// The brand registry file (contract format); `nil` starts with an empty registry
        /// that the `marketplace.brands` topic fills.
        var brands: String?
        /// The case store (SQLite) for leads. Default ``VigilOps/VigilConfiguration/RiskSettings/defaultCases``.
        var cases: String = VigilConfiguration.RiskSettings.defaultCases
        /// Whether the merchant stage writes `vigil.feature-log` (`risk.feature_log`).
        var featureLog: Bool = true
    }

    /// The engine's standard registry plus the counterfeit domain.
    static func makeRegistry(_ paths: Paths, logger: Logger) throws -> (TopologyRegistry, RiskContext) {
        let configuration: RiskConfiguration
        if let riskConfig = paths.riskConfig {
            configuration = try RiskConfiguration.load(path: riskConfig)
        } else {
            logger.info("no risk configuration given; scoring with the built-in defaults")
            configuration = .default
        }
        let brands = try paths.brands.map { try BrandRegistry(contentsOfFile: $0) } ?? BrandRegistry(currency: "CNY")
        let directory = (paths.cases as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        let context = RiskContext(brands: brands, assessor: try RiskAssessor(configuration: configuration), cases: try CaseStore(path: paths.cases),
                                  featureLog: paths.featureLog, logger: logger)
        let registry = TopologyRegistry.standard()
        CounterfeitTopology.register(into: registry, context: context)
        logger.info("risk domain: \(brands.count) brands, model \(context.assessor.modelVersion), feature log \(paths.featureLog ? "on" : "off")")
        return (registry, context)
    }

    /// Follows the compacted brand topic so registry updates apply live (latest record per brand wins).
    static func followBrands(_ context: RiskContext, topic: String = ContractTopicNames().brands, kafka: KafkaConfiguration, consumerProperties: [String: String], logger: Logger) -> GlobalTableReader? {
        var properties = kafka.properties
        properties.merge(consumerProperties) { $1 }
        do {
            return try GlobalTableReader(topic: topic, kafka: KafkaConfiguration(bootstrapServers: kafka.bootstrapServers, clientID: "\(kafka.clientID)-brands", properties: properties)) { message in
                context.applyBrandRecord(key: message.key, value: message.value)
            }
        } catch {
            logger.warning("not following brand updates: \(error)")
            return nil
        }
    }
}
