/// A value given on the command line, which wins over the file and the environment.
public struct ConfigurationOverride: Sendable, Equatable {
    /// Dotted key such as `kafka.brokers`, or `kafka.properties.<librdkafka name>`.
    public var key: String
    /// The value as text, parsed like the same key in the file.
    public var value: String
    /// The flag it came from, e.g. `--brokers`, named in errors.
    public var flag: String

    /// Creates an override.
    public init(key: String, value: String, flag: String) {
        self.key = key
        self.value = value
        self.flag = flag
    }
}
