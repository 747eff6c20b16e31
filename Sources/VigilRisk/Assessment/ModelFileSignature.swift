import Foundation

/// What a model-file watcher compares between polls: the file's size and modification time.
public struct ModelFileSignature: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int
    /// Modification time.
    public var modified: Date

    /// Creates a signature.
    public init(size: Int, modified: Date) {
        self.size = size
        self.modified = modified
    }

    /// The signature of the file at `path`, or `nil` when it cannot be read (missing, no permission).
    public static func of(path: String) -> ModelFileSignature? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        return ModelFileSignature(size: size, modified: modified)
    }
}
