import Foundation
import Testing
import VigilState

@Suite("Checkpoint store metadata")
struct CheckpointStoreMetadataTests {
    @Test("metadata is written, replaced, read back after reopening, and removed")
    func roundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meta-\(UUID().uuidString).sqlite").path
        do {
            let store = try CheckpointStore(path: path)
            #expect(try store.metadata(CheckpointStore.clusterIDKey) == nil)
            try store.setMetadata(CheckpointStore.clusterIDKey, "cluster-a")
            try store.setMetadata(CheckpointStore.clusterIDKey, "cluster-b")
        }
        let reopened = try CheckpointStore(path: path)
        #expect(try reopened.metadata(CheckpointStore.clusterIDKey) == "cluster-b")
        try reopened.setMetadata(CheckpointStore.clusterIDKey, nil)
        #expect(try reopened.metadata(CheckpointStore.clusterIDKey) == nil)
    }
}
