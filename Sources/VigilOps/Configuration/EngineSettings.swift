extension VigilConfiguration {
    /// The `engine:` section.
    public struct EngineSettings: Sendable, Equatable {
        /// `topology`: topology file. Default `topologies/counterfeit.yml`.
        public var topology = "topologies/counterfeit.yml"
        /// `lanes`: keyed lanes; `0` keeps the topology's setting. Default `0`.
        public var lanes = 0
        /// `lane_capacity`: records a lane may queue before the consumer stops taking records.
        /// Default 20,000.
        public var laneCapacity = 20_000
        /// `pause_after`: how long the lanes may stay over capacity before the consumer pauses
        /// its partitions, e.g. `1s`. Default `nil`: the engine's default (1 s).
        public var pauseAfter: Duration?
        /// `alignment_wait`: how long a partition number's records wait for a co-partitioned
        /// input with unread records before going on without it, e.g. `500ms`. Default `nil`: the
        /// engine's default (500 ms).
        public var alignmentWait: Duration?
        /// `checkpoint_path`: SQLite file for state checkpoints. Default `.vigil/state.sqlite`.
        public var checkpointPath = ".vigil/state.sqlite"
        /// `checkpoint_interval`: e.g. `30s`. Default `nil`: the topology's `checkpoint_interval`.
        public var checkpointInterval: Duration?

        /// The defaults.
        public init() {}
    }
}
