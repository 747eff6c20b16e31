import Foundation
import Testing
import VigilEngine
import VigilKafka
import VigilState

/// A state file left by an earlier run must never make a new run skip input.
@Suite("Stale and foreign checkpoints", .serialized)
struct StaleCheckpointTests {
    /// Runs the window topology over `events` on a fresh cluster with the state file at `path`;
    /// returns how many outputs arrived and the engine's status at the end.
    private func run(events: [(key: String, value: [UInt8])], statePath: String) throws -> (outputs: Int, status: EngineStatus, clusterID: String?) {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for (name, partitions) in [("in", Int32(4)), ("out", 4), ("dlq", 1)] { try cluster.createTopic(name, partitions: partitions) }
        try produceAll(events, topic: "in", cluster: cluster)
        let topology = try TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "stale", input: "in", output: "out", dlq: "dlq", lanes: 2))
        let engine = try StreamEngine(
            topology: topology,
            configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), assignment: .all),
            checkpoints: try CheckpointStore(path: statePath)
        )
        let runner = EngineRunner(engine: engine)
        let outputs = try readTopic("out", cluster: cluster, atLeast: events.count, timeout: .seconds(60))
        #expect(runner.stop() == nil)
        let probe = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: "probe")
        defer { probe.close() }
        return (outputs.count, engine.status, probe.clusterID())
    }

    @Test("a state file from a run against another cluster: every input record still gets its output, the checkpoints are discarded")
    func foreignCluster() throws {
        let statePath = temporaryPath("state.sqlite")
        let first = try run(events: makeEvents(count: 2_000, keys: 50, seed: 1), statePath: statePath)
        #expect(first.outputs == 2_000)
        #expect(first.status.discardedCheckpoints == 0)
        #expect(try CheckpointStore(path: statePath).metadata(CheckpointStore.clusterIDKey) == first.clusterID, "the store records the cluster")

        // Same topic names, another cluster, more records than the checkpoint's positions.
        let second = try run(events: makeEvents(count: 3_000, keys: 50, seed: 2), statePath: statePath)
        #expect(second.outputs == 3_000, "no input record is skipped")
        #expect(second.status.discardedCheckpoints > 0)
        #expect(try CheckpointStore(path: statePath).metadata(CheckpointStore.clusterIDKey) == second.clusterID)
    }

    @Test("an old state file without a cluster id: positions beyond the log or never committed are discarded, nothing is skipped")
    func oldFileWithoutClusterID() throws {
        let statePath = temporaryPath("state.sqlite")
        _ = try run(events: makeEvents(count: 2_000, keys: 50, seed: 3), statePath: statePath)
        try CheckpointStore(path: statePath).setMetadata(CheckpointStore.clusterIDKey, nil)
        // Fewer records than before: positions lie beyond the new logs' ends.
        let shorter = try run(events: makeEvents(count: 1_000, keys: 50, seed: 4), statePath: statePath)
        #expect(shorter.outputs == 1_000)
        #expect(shorter.status.discardedCheckpoints > 0)
        try CheckpointStore(path: statePath).setMetadata(CheckpointStore.clusterIDKey, nil)
        // More records than before: the new group never committed what the checkpoints claim.
        let longer = try run(events: makeEvents(count: 4_000, keys: 50, seed: 5), statePath: statePath)
        #expect(longer.outputs == 4_000)
        #expect(longer.status.discardedCheckpoints > 0)
    }
}
