import VigilRisk

/// What can go wrong when simulating or writing a simulated data set; every message names
/// the problem and a fix.
public enum SimulationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// A ``SimulationScenario`` setting cannot work; the text names it and a fix.
    case invalidScenario(String)
    /// An output file or directory could not be written.
    case cannotWrite(path: String, reason: String)

    /// A readable message naming the problem and a fix.
    public var description: String {
        switch self {
        case .invalidScenario(let message): "invalid simulation scenario: \(message)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason); check that the directory exists or can be created and is writable"
        }
    }
}
