import Logging
import ServiceLifecycle

/// Runs an ``EngineService`` with its companions in one swift-service-lifecycle `ServiceGroup`,
/// so callers (the CLI) need not know ServiceLifecycle.
///
/// SIGTERM and SIGINT start a graceful shutdown of the whole group; when the main service
/// returns (or throws) the others are shut down gracefully too, and its error is rethrown.
public enum ServiceRunner {
    /// Runs until `main` returns or a signal arrives and everything has shut down.
    /// - Parameters:
    ///   - main: The engine (or any ``BlockingRunnable`` wrapped in an ``EngineService``).
    ///   - admin: The admin endpoint, if any.
    ///   - lagMonitor: The lag monitor, if any.
    public static func run(main: EngineService, admin: AdminServer? = nil, lagMonitor: LagMonitor? = nil, logger: Logger) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: main, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let admin { services.append(.init(service: admin)) }
        if let lagMonitor { services.append(.init(service: lagMonitor)) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
