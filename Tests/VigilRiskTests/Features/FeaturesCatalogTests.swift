import Foundation
import Testing
@testable import VigilRisk

@Suite struct FeaturesCatalogTests {
    @Test func catalogueHasAtLeast100UniqueSnakeCaseNames() {
        let names = FeatureCatalog.definitions.map(\.name)
        #expect(names.count >= 100)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } && name.first!.isLetter, "\(name)")
            #expect(!FeatureCatalog.definitions[FeatureCatalog.index(of: name)!].meaning.isEmpty)
        }
        for (i, name) in names.enumerated() { #expect(FeatureCatalog.index(of: name) == i) }
        #expect(FeatureCatalog.index(of: "no_such_feature") == nil)
        #expect(Set(FeatureCatalog.definitions.compactMap(\.window)).isSubset(of: ["1h", "24h", "7d", "30d"]))
        #expect(Set(FeatureCatalog.definitions.map(\.group)) == Set(FeatureGroup.allCases))
    }

    @Test func markdownTableListsEveryFeature() {
        let table = FeatureCatalog.markdownTable()
        let rows = table.split(separator: "\n")
        #expect(rows.count == FeatureCatalog.count + 2)
        #expect(rows[2].hasPrefix("| 0 | `listing_price` | listing | – |"))
        for name in FeatureCatalog.names { #expect(table.contains("`\(name)`")) }
    }

    /// Every catalogue feature has a hand-computed expected value in some scenario test.
    @Test func scenariosCoverEveryFeature() {
        let covered = [ListingScenario.expected, ReviewScenario.expected, PaymentScenario.expected,
                       LogisticsScenario.expected, RelationalScenario.expected].flatMap(\.keys)
        #expect(Set(covered) == Set(FeatureCatalog.names), "uncovered: \(Set(FeatureCatalog.names).subtracting(covered).sorted())")
    }

    @Test func scorecardsUseCatalogueNames() throws {
        for name in DefaultScorecard.model.featureNames { #expect(FeatureCatalog.index(of: name) != nil, "\(name)") }
    }
}

@Suite struct FeaturesDocsTests {
    /// docs/features.md is generated from the catalogue; regenerate with `VIGIL_WRITE_DOCS=1 swift test --filter FeaturesDocsTests`.
    @Test func featureDocsMatchTheCatalogue() throws {
        let url = FX.repoRoot.appendingPathComponent("docs/features.md")
        let text = "# Risk features\n\nGenerated from `FeatureCatalog.definitions` (vector order). Do not edit by hand.\n\n" + FeatureCatalog.markdownTable()
        if ProcessInfo.processInfo.environment["VIGIL_WRITE_DOCS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == text, "docs/features.md is stale: regenerate it")
    }
}
