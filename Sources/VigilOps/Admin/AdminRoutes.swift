import Hummingbird

/// More routes for the ``AdminServer``, mounted by a domain module (the investigators' console
/// lives in `VigilConsole`), so the admin endpoint knows nothing of what they serve.
public protocol AdminRoutes: Sendable {
    /// What the routes serve, for the startup log line, e.g. `/console`.
    var summary: String { get }

    /// Checked before the server listens on `address`: throw (with what is wrong and how to fix
    /// it) to refuse to start, e.g. a console bound beyond loopback without a token.
    func validate(address: AdminAddress) throws

    /// Adds the routes to the admin server's router.
    func register(on router: Router<BasicRequestContext>)
}
