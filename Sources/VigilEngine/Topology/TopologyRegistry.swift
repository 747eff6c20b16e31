import Synchronization

/// Decoders and operator types a topology may name, registered in code.
///
/// The engine registers its generic building blocks (``standard()``); a domain adds its own
/// (e.g. `counterfeit.features`) without touching the engine.
public final class TopologyRegistry: Sendable {
    /// Builds a decoder from its `config` section.
    public typealias DecoderBuilder = @Sendable (ConfigSection) throws -> any RecordDecoder
    /// Builds an operator factory from its declaration.
    public typealias OperatorBuilder = @Sendable (OperatorBuildContext) throws -> any OperatorFactory

    private let decoders = Mutex<[String: DecoderBuilder]>([:])
    private let operators = Mutex<[String: OperatorBuilder]>([:])

    /// An empty registry.
    public init() {}

    /// A registry with the engine's generic decoders and operators (`json`, `window-aggregate`).
    public static func standard() -> TopologyRegistry {
        let registry = TopologyRegistry()
        registry.registerDecoder("json") { try JSONFieldDecoder(config: $0) }
        registry.registerOperator("window-aggregate") { try WindowAggregateOperator.Factory(context: $0) }
        return registry
    }

    /// Registers (or replaces) a decoder.
    public func registerDecoder(_ name: String, _ builder: @escaping DecoderBuilder) {
        decoders.withLock { $0[name] = builder }
    }

    /// Registers (or replaces) an operator type.
    public func registerOperator(_ type: String, _ builder: @escaping OperatorBuilder) {
        operators.withLock { $0[type] = builder }
    }

    /// Registered decoder names, sorted.
    public var decoderNames: [String] { decoders.withLock { $0.keys.sorted() } }
    /// Registered operator types, sorted.
    public var operatorTypes: [String] { operators.withLock { $0.keys.sorted() } }

    func decoder(_ name: String) -> DecoderBuilder? { decoders.withLock { $0[name] } }
    func operatorBuilder(_ type: String) -> OperatorBuilder? { operators.withLock { $0[type] } }
}

/// What an operator builder gets to work with.
public struct OperatorBuildContext: Sendable {
    /// The operator's declaration.
    public var declaration: OperatorDeclaration
    /// Its `config` section, with paths for error messages.
    public var config: ConfigSection
    /// The topology's allowed lateness in milliseconds.
    public var allowedLatenessMs: Int64
    /// The directory of the topology file, for resolving relative paths in config.
    public var baseDirectory: String
}
