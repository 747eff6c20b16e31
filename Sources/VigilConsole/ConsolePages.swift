import VigilRisk

/// Renders the console's pages from the case store, without HTTP: what ``Console`` serves and
/// what `vigil bench console` times.
public struct ConsolePages: Sendable {
    /// The case store read.
    public let cases: CaseStore
    /// Page sizes and limits.
    public let configuration: ConsoleConfiguration
    /// The console's URLs.
    public let paths: ConsolePaths
    let csrfToken: String

    /// Creates the renderer; `csrfToken` goes into every form (see ``ConsoleAccess``).
    public init(cases: CaseStore, configuration: ConsoleConfiguration = ConsoleConfiguration(), csrfToken: String) {
        self.cases = cases
        self.configuration = configuration
        self.paths = ConsolePaths(prefix: configuration.pathPrefix)
        self.csrfToken = csrfToken
    }

    /// The leads list for a query string's fields (`brand`, `province`, `status`, `page`).
    /// - Throws: ``VigilRisk/CaseStoreError`` when the case store cannot be read.
    public func leads(_ fields: FormFields) throws -> HTML {
        try LeadsPage(cases: cases, configuration: configuration, paths: paths).render(.init(fields: fields))
    }

    /// A lead's page, or `nil` when there is no case `ringID`.
    /// - Throws: ``VigilRisk/CaseStoreError`` when the case store cannot be read.
    public func lead(_ ringID: String) throws -> HTML? {
        try LeadPage(cases: cases, configuration: configuration, paths: paths).render(ringID: ringID)
    }

    /// A merchant's page (`done`: the review action just carried out, shown as a notice).
    /// - Throws: ``VigilRisk/CaseStoreError`` when the case store cannot be read.
    public func merchant(_ merchantID: String, done: String? = nil) throws -> HTML {
        try MerchantPage(cases: cases, configuration: configuration, paths: paths, csrfToken: csrfToken).render(merchantID: merchantID, done: done)
    }

    /// A short page with a message (not found, refused, …).
    public func message(title: String, _ text: String) -> HTML {
        PageLayout.page(title: title, paths: paths, body: "<h1>\(title)</h1><p id=\"message\">\(text)</p><p><a href=\"\(paths.leads())\">Back to the leads</a></p>")
    }

    /// The login form shown when a token is required.
    public func login(failed: Bool) -> HTML {
        let error: HTML = failed ? "<p class=\"notice\">That token is not the console's token.</p>" : .empty
        return PageLayout.page(title: "Sign in", paths: paths, body: """
            <h1>Sign in</h1>\(error)<p>This console is served beyond loopback; enter the admin token (admin.token or admin.token_file).</p>
            <form method="post" action="\(paths.login)"><label>token<input type="password" name="token" autocomplete="off"></label>
            <button type="submit">Sign in</button></form>
            """)
    }
}
