import Foundation

extension VigilConfiguration {
    /// The `admin:` section.
    public struct AdminSettings: Sendable, Equatable {
        /// `address`: where `/metrics`, `/health`, `/ready` and the console are served. Default `127.0.0.1:9464`.
        public var address = AdminAddress.default
        /// `console`: whether the investigators' console is served under `/console`. Default `true`.
        /// Beyond loopback it needs a token; turn it off to serve only metrics and probes there.
        public var console = true
        /// `token` (environment `VIGIL_ADMIN_TOKEN`): the secret the console asks for when the
        /// endpoint is bound beyond loopback. Default none. Never logged.
        public var token: String?
        /// `token_file` (environment `VIGIL_ADMIN_TOKEN_FILE`): a file holding the token (surrounding
        /// whitespace ignored); wins over `token`. Default none.
        public var tokenFile: String?

        /// The defaults.
        public init() {}

        /// The token: the contents of ``tokenFile`` when set, else ``token``; `nil` when neither is set.
        /// - Throws: ``AdminTokenError`` when the file cannot be read or holds no token.
        public func resolvedToken() throws(AdminTokenError) -> String? {
            if let tokenFile {
                guard let data = FileManager.default.contents(atPath: tokenFile) else {
                    throw AdminTokenError(message: "admin.token_file: cannot read '\(tokenFile)'; check that the file exists and this user may read it")
                }
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else {
                    throw AdminTokenError(message: "admin.token_file: '\(tokenFile)' is empty; write the token into it (e.g. openssl rand -hex 32 > \(tokenFile))")
                }
                return text
            }
            return token.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}

/// Why the admin token could not be resolved (the message never holds the token).
public struct AdminTokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed and how to fix it.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
