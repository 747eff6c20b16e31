import ArgumentParser
import VigilRisk

/// `vigil features`: the feature catalogue, from the same source as `docs/features.md`.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Print the feature catalogue: name, group, window and meaning of every feature."
    )

    @Flag(help: "Print the Markdown table (what docs/features.md holds).")
    var markdown = false

    func run() {
        if markdown {
            print(FeatureCatalog.markdownTable())
            return
        }
        print("NAME".padding(toLength: 40, withPad: " ", startingAt: 0) + "GROUP       WINDOW  MEANING")
        for feature in FeatureCatalog.definitions {
            print(feature.name.padding(toLength: 40, withPad: " ", startingAt: 0)
                  + feature.group.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + (feature.window ?? "-").padding(toLength: 8, withPad: " ", startingAt: 0)
                  + feature.meaning)
        }
        print("\(FeatureCatalog.definitions.count) features")
    }
}
