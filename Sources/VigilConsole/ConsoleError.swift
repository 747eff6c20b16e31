/// What stops the console from starting or from carrying out a request, and how to fix it.
public enum ConsoleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The admin endpoint is bound beyond loopback and no token is configured.
    case tokenRequired(address: String)
    /// A review action could not be written to the labels topic.
    case cannotPublish(topic: String, reason: String)

    /// A readable message naming what failed and how to fix it (never the token).
    public var description: String {
        switch self {
        case let .tokenRequired(address):
            "console: the admin endpoint is bound to \(address), beyond loopback, and no token is set; set admin.token_file "
                + "(VIGIL_ADMIN_TOKEN_FILE) or admin.token (VIGIL_ADMIN_TOKEN), bind 127.0.0.1, or turn the console off (admin.console: false)"
        case let .cannotPublish(topic, reason):
            "console: the label was not written to \(topic): \(reason). Check that the brokers are reachable and the topic exists; nothing was recorded"
        }
    }
}
