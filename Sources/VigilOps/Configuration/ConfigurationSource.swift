/// Where a configuration value came from, for error messages.
public enum ConfigurationSource: Sendable, Equatable, CustomStringConvertible {
    /// A YAML file, with the 1-based line when known.
    case file(path: String, line: Int?)
    /// An environment variable.
    case environment(variable: String)
    /// A command-line flag such as `--brokers`.
    case flag(String)

    /// `config/vigil.yml:12`, `environment variable VIGIL_KAFKA_BROKERS` or `flag --brokers`.
    public var description: String {
        switch self {
        case .file(let path, let line?): "\(path):\(line)"
        case .file(let path, nil): path
        case .environment(let variable): "environment variable \(variable)"
        case .flag(let flag): "flag \(flag)"
        }
    }
}
