import Foundation
import Testing
@testable import VigilState

@Suite struct CheckpointStoreTests {
    func temporaryDatabase() throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appendingPathComponent("checkpoints.sqlite").path)
    }

    @Test func savesSeveralPartitionsAndReloadsThemFromTheFile() throws {
        let (directory, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        var windows = try KeyedWindows<String>(KeyedWindowsConfiguration(metric: "m", windows: [try WindowSpec(parsing: "1h")]))
        windows.add(key: "merchant-1", value: 3, distinctHash: 9, at: 1_700_000_000_000)
        let saved = [
            PartitionCheckpoint(topic: "marketplace.listings", partition: 0, nextOffset: 42, state: windows.encodedState(), stateVersion: 1, updatedAtMs: 1_000),
            PartitionCheckpoint(topic: "marketplace.listings", partition: 1, nextOffset: 0, state: [], stateVersion: 1, updatedAtMs: 1_001),
            PartitionCheckpoint(topic: "marketplace.payments", partition: 0, nextOffset: 7, state: [0, 255, 1], stateVersion: 3, updatedAtMs: 1_002),
        ]
        do {
            let store = try CheckpointStore(path: path)
            try store.save(saved)
            #expect(try store.journalMode() == "wal")
        }
        let reopened = try CheckpointStore(path: path)
        #expect(try reopened.journalMode() == "wal")
        #expect(try reopened.loadAll() == saved)
        let first = try #require(try reopened.load(topic: "marketplace.listings", partition: 0))
        #expect(first == saved[0])
        #expect(try KeyedWindows<String>(decodingState: first.state) == windows)
        #expect(try reopened.load(topic: "marketplace.listings", partition: 9) == nil)
    }

    @Test func saveReplacesAndIsOneTransaction() throws {
        let (directory, path) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CheckpointStore(path: path)
        let before = [
            PartitionCheckpoint(topic: "t", partition: 0, nextOffset: 10, state: [1]),
            PartitionCheckpoint(topic: "t", partition: 1, nextOffset: 20, state: [2]),
        ]
        try store.save(before)
        // The second checkpoint violates the schema: the first must not be written either.
        let bad = [
            PartitionCheckpoint(topic: "t", partition: 0, nextOffset: 11, state: [9]),
            PartitionCheckpoint(topic: "t", partition: 1, nextOffset: -1, state: [9]),
            PartitionCheckpoint(topic: "t", partition: 2, nextOffset: 30, state: [9]),
        ]
        do {
            try store.save(bad)
            Issue.record("a negative offset was saved")
        } catch {
            #expect(error.path == path)
            #expect(error.description.contains(path))
            #expect(error.operation.contains("save 3 checkpoint(s)"))
            #expect(error.operation.contains("t[1]"))
        }
        #expect(try store.loadAll() == before)

        var after = before
        after[1].nextOffset = 21
        after[1].state = [3, 4]
        try store.save([after[1]])
        #expect(try store.loadAll() == after)
        #expect(try store.delete(topic: "t", partition: 0))
        #expect(try !store.delete(topic: "t", partition: 0))
        #expect(try store.loadAll() == [after[1]])
    }

    @Test func openingAnUnusableFileNamesIt() throws {
        let (directory, _) = try temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing-dir/checkpoints.sqlite").path
        do {
            _ = try CheckpointStore(path: path)
            Issue.record("opened a file in a missing directory")
        } catch {
            #expect(error.description.contains(path))
            #expect(error.operation == "open")
        }
    }
}
