import ArgumentParser

/// The `vigil` command-line tool.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Vigil: a streaming engine that catches counterfeit goods while they are listed and sold.",
        subcommands: [
            RunCommand.self,
            DemoCommand.self,
            BrokerCommand.self,
            BenchCommand.self,
            ScoreCommand.self,
            LeadsCommand.self,
            FeaturesCommand.self,
            LagCommand.self,
            TakedownCommand.self,
            SimulateCommand.self,
            EvaluateCommand.self,
            TrainCommand.self,
        ]
    )
}
