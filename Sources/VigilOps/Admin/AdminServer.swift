import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import VigilPrimitives

/// The admin HTTP endpoint, run as a swift-service-lifecycle `Service`:
///
/// | route | answer |
/// | --- | --- |
/// | `GET /metrics` | the registry in Prometheus text exposition format (0.0.4) |
/// | `GET /health` | `200 ok` while the process is alive |
/// | `GET /ready` | `200 ready` when the ``ReadinessCheck`` says so, else `503` with `{"ready":false,"reason":"..."}` |
///
/// plus whatever ``AdminRoutes`` are mounted (e.g. the investigators' console under `/console`).
/// It stops when the service group shuts down gracefully.
public final class AdminServer: Service, Sendable {
    /// Where it listens. Port `0` picks a free port; read it from ``boundPort``.
    public let address: AdminAddress
    private let registry: PrometheusCollectorRegistry
    private let readiness: ReadinessCheck
    private let logger: Logger
    private let routes: [any AdminRoutes]
    private let listening = OneShot<Int>()

    /// Creates the server (it listens only once ``run()`` is called).
    /// - Parameters:
    ///   - address: Where to listen. Default ``AdminAddress/default`` (`127.0.0.1:9464`).
    ///   - registry: What `/metrics` serves, usually ``MetricsBootstrap/bootstrap(latencyBuckets:)``'s result.
    ///   - readiness: Answers `/ready`. Default: always ready.
    ///   - routes: More routes to mount (each validated against `address` before listening). Default none.
    ///   - logger: Where startup and errors are logged.
    public init(
        address: AdminAddress = .default,
        registry: PrometheusCollectorRegistry,
        readiness: @escaping ReadinessCheck = { .ready },
        routes: [any AdminRoutes] = [],
        logger: Logger = Logger(label: "vigil.admin")
    ) {
        self.address = address
        self.registry = registry
        self.readiness = readiness
        self.routes = routes
        self.logger = logger
    }

    /// The port actually bound, once listening (useful with port `0`). Waits until then.
    public var boundPort: Int {
        get async { await listening.value }
    }

    /// Listens until graceful shutdown.
    /// - Throws: the first mounted ``AdminRoutes``' refusal (``AdminRoutes/validate(address:)``),
    ///   before anything listens; or the server's error.
    public func run() async throws {
        for mounted in routes { try mounted.validate(address: address) }
        let served = (["/metrics", "/health", "/ready"] + routes.map(\.summary)).joined(separator: ", ")
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "vigil-admin"),
            onServerRunning: { [listening, logger, address] channel in
                let port = channel.localAddress?.port ?? address.port
                logger.info("admin endpoint listening on \(address.host):\(port) (\(served))")
                listening.complete(port)
            },
            logger: logger
        )
        try await app.run()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let registry = registry
        let readiness = readiness
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        router.get("/health") { _, _ -> Response in
            Self.text("ok\n", status: .ok)
        }
        router.get("/ready") { _, _ -> Response in
            let answer = readiness()
            if answer.isReady { return Self.text("ready\n", status: .ok) }
            return Response(
                status: .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"ready\":false,\"reason\":\(JSONWriter.quoted(answer.reason))}\n"))
            )
        }
        for mounted in routes { mounted.register(on: router) }
        return router
    }

    private static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
