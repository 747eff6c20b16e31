/// What went wrong in the ``CaseStore``, naming the database file and how to fix it.
public enum CaseStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A lead could not be written.
    case cannotWrite(path: String, ringID: String, reason: String)
    /// Cases could not be read.
    case cannotRead(path: String, reason: String)
    /// A stored snapshot is not valid JSON of a ``Lead``.
    case corruptSnapshot(path: String, ringID: String, reason: String)
    /// An export could not be written to its destination.
    case cannotExport(path: String, destination: String, reason: String)

    /// A readable message: what failed, on which file, and what to do.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "case store: cannot open SQLite database '\(path)': \(reason). Check that the folder exists and is writable, that no other program holds an exclusive lock, and that the file is a SQLite database (move it aside to start a new one)."
        case let .cannotWrite(path, ringID, reason):
            "case store: cannot save lead '\(ringID)' to '\(path)': \(reason). Check free disk space and write permission on the file and its -wal/-shm companions."
        case let .cannotRead(path, reason):
            "case store: cannot read cases from '\(path)': \(reason). Check that the file is a case store made by this version of vigil."
        case let .corruptSnapshot(path, ringID, reason):
            "case store: the stored lead '\(ringID)' in '\(path)' is not valid JSON: \(reason). Delete that row (DELETE FROM ring_case WHERE ring_id = '\(ringID)') and let the ring be re-emitted."
        case let .cannotExport(path, destination, reason):
            "case store: cannot export cases of '\(path)' to '\(destination)': \(reason). Check that the destination folder exists and is writable."
        }
    }
}
