import Foundation
import Hummingbird
import Logging
import VigilOps
import VigilRisk

/// The investigators' console, mounted on the admin endpoint (``VigilOps/AdminRoutes``):
///
/// | route | what |
/// | --- | --- |
/// | `GET /console/` | open leads ranked by score; `?brand=&province=&status=open|closed|all&page=` |
/// | `GET /console/lead?id=RING` | a lead: merchants, links by kind, evidence, district map, case history |
/// | `GET /console/merchant?id=M` | a merchant: verdicts, listings, links, labels, features, review actions |
/// | `POST /console/review` | a review action (form: `csrf`, `merchant`, `action`, `listing`, `note`) → a label on `marketplace.labels`, kept in the case store |
/// | `GET`/`POST /console/login` | the token form, when a token is required |
///
/// Server-rendered HTML, no scripts, no assets from elsewhere; every page is sent with a
/// `Content-Security-Policy` that forbids scripts. On a loopback address the console is open;
/// bound anywhere else it needs ``ConsoleConfiguration/token`` and refuses to start without one
/// (``validate(address:)``).
public final class Console: AdminRoutes {
    /// The pages.
    public let pages: ConsolePaths
    let renderer: ConsolePages
    let access: ConsoleAccess
    let sink: any LabelSink
    let configuration: ConsoleConfiguration
    let logger: Logger

    /// Creates the console.
    /// - Parameters:
    ///   - cases: The case store it reads and records review labels in.
    ///   - sink: Where review labels are written (``KafkaLabelSink`` on `marketplace.labels`).
    ///   - configuration: Mount point, token, page sizes. Default ``ConsoleConfiguration/init(pathPrefix:token:pageSize:verdictLimit:historyLimit:evidenceLimit:labelsTopic:)``'s defaults.
    public init(cases: CaseStore, sink: any LabelSink, configuration: ConsoleConfiguration = ConsoleConfiguration(), logger: Logger = Logger(label: "vigil.console")) {
        self.configuration = configuration
        self.access = ConsoleAccess(token: configuration.token)
        self.renderer = ConsolePages(cases: cases, configuration: configuration, csrfToken: access.csrfToken)
        self.pages = renderer.paths
        self.sink = sink
        self.logger = logger
    }

    /// The mount point, for the admin endpoint's startup line.
    public var summary: String { configuration.pathPrefix }

    /// The console's address on an admin endpoint listening at `host:port`.
    public func url(host: String, port: Int) -> String {
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)\(pages.leads())"
    }

    /// Refuses an address beyond loopback when no token is configured.
    /// - Throws: ``ConsoleError/tokenRequired(address:)``.
    public func validate(address: AdminAddress) throws {
        if !address.isLoopback, configuration.token == nil { throw ConsoleError.tokenRequired(address: address.description) }
    }

    /// Adds the console's routes.
    public func register(on router: Router<BasicRequestContext>) {
        let prefix = pages.prefix
        router.get(RouterPath(prefix)) { [self] request, _ in
            try guarded(request) { try self.renderer.leads(Self.query(request)) }
        }
        router.get(RouterPath(prefix + "/lead")) { [self] request, _ in
            try guarded(request) {
                let id = Self.query(request)["id"] ?? ""
                if let page = try self.renderer.lead(id) { return page }
                return StatusPage(status: .notFound, html: self.renderer.message(title: "No such lead", "There is no case with ring id \(id)."))
            }
        }
        router.get(RouterPath(prefix + "/merchant")) { [self] request, _ in
            try guarded(request) {
                let fields = Self.query(request)
                guard let id = fields["id"] else { return StatusPage(status: .badRequest, html: self.renderer.message(title: "Which merchant?", "Give the merchant id as ?id=…")) }
                return try self.renderer.merchant(id, done: fields["done"])
            }
        }
        router.post(RouterPath(prefix + "/review")) { [self] request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            return try await review(request, fields: FormFields(String(decoding: body.readableBytesView, as: UTF8.self)))
        }
        router.get(RouterPath(prefix + "/login")) { [self] _, _ in
            Self.page(self.renderer.login(failed: false))
        }
        router.post(RouterPath(prefix + "/login")) { [self] request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 16 * 1024)
            let fields = FormFields(String(decoding: body.readableBytesView, as: UTF8.self))
            guard access.requiresToken, let token = fields["token"], access.accepts(token: token) else {
                return Self.page(renderer.login(failed: true), status: .unauthorized)
            }
            var response = Response(status: .seeOther, headers: [.location: pages.leads()])
            response.setCookie(Cookie(name: ConsoleAccess.cookieName, value: access.openSession(), path: prefix, httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// Carries out a review action: writes the label, then records it in the case store.
    func review(_ request: Request, fields: FormFields) async throws -> Response {
        guard access.isAuthorized(request) else { return Self.page(renderer.login(failed: false), status: .unauthorized) }
        guard access.isGenuinePost(request, fields: fields) else {
            return Self.page(renderer.message(title: "Refused", "This form did not come from the console (missing or wrong CSRF token); reload the page and try again."), status: .forbidden)
        }
        guard let merchantID = fields["merchant"], let action = fields["action"].flatMap(ReviewAction.init(rawValue:)) else {
            return Self.page(renderer.message(title: "Incomplete", "A review needs a merchant and one of: \(ReviewAction.allCases.map(\.rawValue).joined(separator: ", "))."), status: .badRequest)
        }
        let listingID = fields["listing"]
        let brand = try listingID.flatMap { id in try renderer.cases.listings(of: merchantID).first { $0.listingID == id }?.brand }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let label = action.label(merchantID: merchantID, listingID: listingID, brand: brand, note: fields["note"].map { String($0.prefix(500)) },
                                 at: now, nonce: UInt32.random(in: 0...UInt32.max))
        do {
            try await sink.publish(label)
        } catch {
            logger.error("\(error)")
            return Self.page(renderer.message(title: "Not written", "\(error)"), status: .serviceUnavailable)
        }
        try renderer.cases.recordLabel(label)
        logger.info("review \(action.rawValue) of merchant \(merchantID) written as label \(label.labelID)")
        return Response(status: .seeOther, headers: [.location: pages.merchant(merchantID, done: label.labelID)])
    }

    /// Answers a GET: the page when authorized, else the login form (401).
    private func guarded(_ request: Request, _ render: () throws -> any Renderable) throws -> Response {
        guard access.isAuthorized(request) else { return Self.page(renderer.login(failed: false), status: .unauthorized) }
        let rendered = try render()
        return Self.page(rendered.html, status: rendered.status)
    }

    /// A query string's fields.
    static func query(_ request: Request) -> FormFields { FormFields(request.uri.query ?? "") }

    /// An HTML response with the console's security headers.
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                .xContentTypeOptions: "nosniff",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html.markup))
        )
    }
}

/// A rendered page with its status: plain ``HTML`` is `200 OK`.
protocol Renderable {
    var html: HTML { get }
    var status: HTTPResponse.Status { get }
}

extension HTML: Renderable {
    var html: HTML { self }
    var status: HTTPResponse.Status { .ok }
}

/// A page with another status than `200 OK`.
struct StatusPage: Renderable {
    var status: HTTPResponse.Status
    var html: HTML
}
