import VigilEngine

extension Readiness {
    /// Readiness of a stream engine: ready once its run loop is running and it owns partitions
    /// whose state has been restored (``VigilEngine/EngineStatus/ready``).
    public static func of(_ engine: StreamEngine) -> ReadinessCheck {
        { [engine] in
            let status = engine.status
            if status.ready { return .ready }
            if !status.running { return .notReady("engine not running") }
            if status.restoringShards > 0 { return .notReady("restoring the state of \(status.restoringShards) shard(s) from the changelog or local checkpoint") }
            return .notReady("no partitions assigned and restored yet")
        }
    }
}
