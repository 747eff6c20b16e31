import VigilEngine

/// Registers the counterfeit domain's decoders and operators with the engine.
///
/// | name | kind | what |
/// | --- | --- | --- |
/// | `contract` | decoder | a contract input topic (`config: {kind: listing|review|payment|logistics}`) |
/// | `risk-internal` | decoder | the topology's internal topics (`config: {message: sighting|link|ring|ring-features}`) |
/// | `counterfeit.merchants` | operator | merchant profiles, listing and merchant verdicts, the feature log (sink `feature-log`, when declared) |
/// | `counterfeit.identifiers` | operator | identifier-keyed linkage |
/// | `counterfeit.rings` | operator | rings, leads and ring features |
///
/// The topology itself is data: `topologies/counterfeit.yml`.
public enum CounterfeitTopology {
    /// Adds the domain's building blocks to `registry`.
    public static func register(into registry: TopologyRegistry, context: RiskContext) {
        registry.registerDecoder("contract") { try ContractEventDecoder(config: $0) }
        registry.registerDecoder("risk-internal") { try InternalMessageDecoder(config: $0) }
        registry.registerOperator("counterfeit.merchants") {
            MerchantOperatorFactory(context: context, featureLog: FeatureLogEmitter.make(sinks: $0.declaration.sinks ?? [], enabled: context.featureLogEnabled))
        }
        registry.registerOperator("counterfeit.identifiers") { try IdentifierOperatorFactory(context: $0) }
        registry.registerOperator("counterfeit.rings") { _ in RingOperatorFactory(context: context) }
    }
}
