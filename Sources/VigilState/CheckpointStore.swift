import Foundation
import GRDB
import VigilPrimitives

/// Per-(topic, partition) checkpoints in a SQLite file in WAL mode.
///
/// Each row holds the next offset to consume, an opaque state blob, the blob's format version
/// and the wall-clock time it was written. ``save(_:)`` writes any number of partitions in
/// one transaction, so a crash never leaves some partitions of a checkpoint newer than others.
///
/// The store is safe to use from several threads: reads run concurrently with a write
/// (`DatabasePool`), writes are serialised.
public final class CheckpointStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    static let table = "partition_checkpoint"
    static let metadataTable = "store_metadata"

    /// Opens (creating if needed) the checkpoint database at `path`.
    ///
    /// - Throws: ``CheckpointStoreError`` when the file cannot be opened or its schema cannot
    ///   be created.
    public init(path: String, configuration: CheckpointStoreConfiguration = .init()) throws(CheckpointStoreError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(configuration.busyTimeout.secondsDouble)
        let synchronous = configuration.fullSync ? "FULL" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw CheckpointStoreError(
                path: path, operation: "open", cause: "\(error)",
                hint: "check that the directory exists and is writable and that the file is a SQLite database"
            )
        }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: partition checkpoints") { db in
            try db.execute(sql: """
                CREATE TABLE \(Self.table) (
                    topic TEXT NOT NULL,
                    partition INTEGER NOT NULL,
                    next_offset INTEGER NOT NULL CHECK (next_offset >= 0),
                    state BLOB NOT NULL,
                    state_version INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (topic, partition)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v2: store metadata") { db in
            try db.execute(sql: """
                CREATE TABLE \(Self.metadataTable) (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID
                """)
        }
        do {
            try migrator.migrate(pool)
        } catch {
            throw CheckpointStoreError(
                path: path, operation: "create schema", cause: "\(error)",
                hint: "the file may belong to another program or a newer Vigil; use another path"
            )
        }
    }

    /// Writes `checkpoints` in one transaction, replacing earlier checkpoints of the same
    /// (topic, partition). Either all are written or none.
    ///
    /// - Throws: ``CheckpointStoreError`` naming the first rejected checkpoint (e.g. a negative
    ///   offset) or the database failure; nothing is written then.
    public func save(_ checkpoints: [PartitionCheckpoint]) throws(CheckpointStoreError) {
        guard !checkpoints.isEmpty else { return }
        var current: PartitionCheckpoint?
        do {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO \(Self.table) (topic, partition, next_offset, state, state_version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (topic, partition) DO UPDATE SET
                        next_offset = excluded.next_offset,
                        state = excluded.state,
                        state_version = excluded.state_version,
                        updated_at = excluded.updated_at
                    """)
                for checkpoint in checkpoints {
                    current = checkpoint
                    try statement.execute(arguments: [
                        checkpoint.topic, checkpoint.partition, checkpoint.nextOffset,
                        Data(checkpoint.state), checkpoint.stateVersion, checkpoint.updatedAtMs,
                    ])
                }
            }
        } catch {
            let which = current.map { " (at \($0.topic)[\($0.partition)] next_offset \($0.nextOffset))" } ?? ""
            throw CheckpointStoreError(
                path: path, operation: "save \(checkpoints.count) checkpoint(s)\(which)", cause: "\(error)",
                hint: "nothing of this batch was written; offsets must be >= 0, and the disk must have room"
            )
        }
    }

    /// The checkpoint of one (topic, partition), or `nil` when none was saved.
    ///
    /// - Throws: ``CheckpointStoreError`` when the database cannot be read.
    public func load(topic: String, partition: Int32) throws(CheckpointStoreError) -> PartitionCheckpoint? {
        do {
            return try pool.read { db in
                try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM \(Self.table) WHERE topic = ? AND partition = ?",
                    arguments: [topic, partition]
                ).map(Self.checkpoint(from:))
            }
        } catch {
            throw CheckpointStoreError(path: path, operation: "load \(topic)[\(partition)]", cause: "\(error)", hint: "check the file's permissions and integrity")
        }
    }

    /// Every checkpoint, ordered by topic then partition.
    ///
    /// - Throws: ``CheckpointStoreError`` when the database cannot be read.
    public func loadAll() throws(CheckpointStoreError) -> [PartitionCheckpoint] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \(Self.table) ORDER BY topic, partition").map(Self.checkpoint(from:))
            }
        } catch {
            throw CheckpointStoreError(path: path, operation: "load all checkpoints", cause: "\(error)", hint: "check the file's permissions and integrity")
        }
    }

    /// Deletes the checkpoint of one (topic, partition).
    ///
    /// - Returns: Whether there was one.
    /// - Throws: ``CheckpointStoreError`` when the database cannot be written.
    @discardableResult
    public func delete(topic: String, partition: Int32) throws(CheckpointStoreError) -> Bool {
        do {
            return try pool.write { db in
                try db.execute(sql: "DELETE FROM \(Self.table) WHERE topic = ? AND partition = ?", arguments: [topic, partition])
                return db.changesCount > 0
            }
        } catch {
            throw CheckpointStoreError(path: path, operation: "delete \(topic)[\(partition)]", cause: "\(error)", hint: "check that the file is writable")
        }
    }

    /// The database's journal mode as SQLite reports it (`"wal"` for this store).
    ///
    /// - Throws: ``CheckpointStoreError`` when the database cannot be read.
    public func journalMode() throws(CheckpointStoreError) -> String {
        do {
            return try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
        } catch {
            throw CheckpointStoreError(path: path, operation: "read journal mode", cause: "\(error)", hint: "check the file's permissions")
        }
    }

    private static func checkpoint(from row: Row) -> PartitionCheckpoint {
        let blob: Data = row["state"] ?? Data()
        return PartitionCheckpoint(
            topic: row["topic"],
            partition: row["partition"],
            nextOffset: row["next_offset"],
            state: [UInt8](blob),
            stateVersion: row["state_version"],
            updatedAtMs: row["updated_at"]
        )
    }
}
