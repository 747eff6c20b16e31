import VigilOps

/// How the investigators' console behaves. Value type; every field has a documented default.
public struct ConsoleConfiguration: Sendable, Equatable {
    /// Where the console is mounted on the admin endpoint. Default `/console`.
    public var pathPrefix: String
    /// The token asked for when the admin endpoint is bound beyond loopback (`admin.token` or
    /// `admin.token_file`). Default `nil`: only a loopback endpoint may serve the console.
    /// Never logged or shown.
    public var token: String?
    /// Leads per page of the leads list. Default 50.
    public var pageSize: Int
    /// Verdicts shown on a merchant's page, newest first. Default 100.
    public var verdictLimit: Int
    /// Snapshots shown in a lead's case history, newest first. Default 20.
    public var historyLimit: Int
    /// Evidence rows shown on a lead's page. Default 200.
    public var evidenceLimit: Int
    /// The topic review actions write labels to. Default: the contract's, `marketplace.labels`
    /// (``VigilOps/ContractTopicNames/labels``).
    public var labelsTopic: String

    /// Creates a configuration.
    public init(pathPrefix: String = "/console", token: String? = nil, pageSize: Int = 50, verdictLimit: Int = 100,
                historyLimit: Int = 20, evidenceLimit: Int = 200, labelsTopic: String = ContractTopicNames().labels) {
        self.pathPrefix = pathPrefix
        self.token = token
        self.pageSize = pageSize
        self.verdictLimit = verdictLimit
        self.historyLimit = historyLimit
        self.evidenceLimit = evidenceLimit
        self.labelsTopic = labelsTopic
    }
}
