/// The console's URLs under its mount point; every id is query-encoded, so any merchant or
/// ring id (spaces, slashes, markup) round-trips.
public struct ConsolePaths: Sendable, Equatable {
    /// The mount point, e.g. `/console`.
    public let prefix: String

    /// Paths under `prefix` (a trailing `/` is dropped).
    public init(prefix: String) { self.prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix }

    /// The leads list, filtered.
    public func leads(brand: String? = nil, province: String? = nil, status: String? = nil, page: Int? = nil) -> String {
        let query = FormFields.query(["brand": brand, "province": province, "status": status, "page": page.map(String.init)])
        return prefix + "/" + (query.isEmpty ? "" : "?" + query)
    }

    /// A lead's page.
    public func lead(_ ringID: String) -> String { prefix + "/lead?" + FormFields.query(["id": ringID]) }

    /// A merchant's page.
    public func merchant(_ merchantID: String, done: String? = nil) -> String {
        prefix + "/merchant?" + FormFields.query(["id": merchantID, "done": done])
    }

    /// Where review actions are POSTed.
    public var review: String { prefix + "/review" }

    /// The login form (when a token is required).
    public var login: String { prefix + "/login" }
}
