import GRDB

extension CheckpointStore {
    /// The metadata key under which the engine records the Kafka cluster its checkpoints were
    /// taken against (the brokers' cluster id).
    public static let clusterIDKey = "kafka.cluster_id"

    /// A metadata value of the store (e.g. ``clusterIDKey``), or `nil` when none was written.
    ///
    /// - Throws: ``CheckpointStoreError`` when the database cannot be read.
    public func metadata(_ key: String) throws(CheckpointStoreError) -> String? {
        do {
            return try pool.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM \(Self.metadataTable) WHERE key = ?", arguments: [key])
            }
        } catch {
            throw CheckpointStoreError(path: path, operation: "read metadata '\(key)'", cause: "\(error)", hint: "check the file's permissions and integrity")
        }
    }

    /// Writes a metadata value (replacing an earlier one), or removes it when `value` is `nil`.
    ///
    /// - Throws: ``CheckpointStoreError`` when the database cannot be written.
    public func setMetadata(_ key: String, _ value: String?) throws(CheckpointStoreError) {
        do {
            try pool.write { db in
                if let value {
                    try db.execute(sql: "INSERT INTO \(Self.metadataTable) (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                   arguments: [key, value])
                } else {
                    try db.execute(sql: "DELETE FROM \(Self.metadataTable) WHERE key = ?", arguments: [key])
                }
            }
        } catch {
            throw CheckpointStoreError(path: path, operation: "write metadata '\(key)'", cause: "\(error)", hint: "check that the file is writable and the disk has room")
        }
    }
}
