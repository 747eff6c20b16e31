import ArgumentParser

/// `vigil bench`: throughput measurements that need no external tools.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput (build with -c release for meaningful numbers).",
        subcommands: [KafkaBenchCommand.self, EngineBenchCommand.self, ScoreBenchCommand.self, TopologyBenchCommand.self, LatencyBenchCommand.self, RestoreBenchCommand.self, ConsoleBenchCommand.self]
    )
}
