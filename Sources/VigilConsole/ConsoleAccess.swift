import Foundation
import Hummingbird
import Synchronization

/// Who may use the console and which POSTs are genuine.
///
/// - **Token**: when a token is configured, every console request must carry it, as
///   `Authorization: Bearer <token>`, or the `vigil_console` session cookie that `POST …/login`
///   sets after checking it (a random session id, HttpOnly, SameSite=Strict; the token itself is
///   never put in a cookie). Without a token the console is open, which ``Console`` allows only
///   on a loopback address.
/// - **CSRF**: every form carries ``csrfToken``, a random secret of this process, in a hidden
///   field; a POST without it (or from another origin, when the browser says so with `Origin` or
///   `Sec-Fetch-Site`) is refused. Another site cannot read the console's pages, so it cannot learn it.
public final class ConsoleAccess: Sendable {
    /// The cookie holding the token after login.
    public static let cookieName = "vigil_console"
    /// The form field holding the CSRF token.
    public static let csrfField = "csrf"

    let token: String?
    /// The CSRF secret of this process (64 hex digits).
    public let csrfToken: String
    private let sessions = Mutex<Set<String>>([])

    /// Creates the policy; `token` `nil` means open.
    public init(token: String?) {
        self.token = token
        csrfToken = Self.randomHex()
    }

    /// 64 random hex digits from the system's secure generator.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// A new session id for a browser that presented the token (see ``accepts(token:)``).
    public func openSession() -> String {
        let id = Self.randomHex()
        sessions.withLock { _ = $0.insert(id) }
        return id
    }

    /// Whether a token is required.
    public var requiresToken: Bool { token != nil }

    /// Whether `request` carries the token (always `true` when none is configured).
    public func isAuthorized(_ request: Request) -> Bool {
        guard let token else { return true }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           Self.constantTimeEqual(String(header.dropFirst("Bearer ".count)), token) { return true }
        if let cookie = request.cookies[Self.cookieName], sessions.withLock({ $0.contains(cookie.value) }) { return true }
        return false
    }

    /// Whether `token` is the configured one (for the login form).
    public func accepts(token candidate: String) -> Bool {
        guard let token else { return true }
        return Self.constantTimeEqual(candidate, token)
    }

    /// Whether a POST with `fields` from `request` is the console's own form.
    public func isGenuinePost(_ request: Request, fields: FormFields) -> Bool {
        if let site = request.headers.first(where: { $0.name.canonicalName == "sec-fetch-site" })?.value, site != "same-origin", site != "none" { return false }
        if let origin = request.headers[.origin] {
            guard let url = URL(string: origin), let originHost = url.host, let host = request.head.authority else { return false }
            guard (url.port.map { "\(originHost):\($0)" } ?? originHost) == host else { return false }
        }
        guard let sent = fields[Self.csrfField] else { return false }
        return Self.constantTimeEqual(sent, csrfToken)
    }

    /// Compares without stopping at the first difference, so timing does not reveal a prefix.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
