import Testing
@testable import VigilRisk
import VigilPrimitives
@testable import VigilSimulation

/// `default` and `small` are pinned: the FNV-1a 64 of every file `vigil simulate` writes for
/// them, measured before the look-alike populations, traits, labels and random scenarios
/// were added. Any change to their bytes fails here.
@Suite("Simulation: default and small are unchanged")
struct SimulationPresetTests {
    /// FNV-1a 64 (hex) of each file's bytes as `SimulationFileWriter` writes them.
    static func digests(of simulator: MarketplaceSimulator) throws -> [String: String] {
        var files: [String: FNV1a64] = [:]
        for kind in EventKind.allCases { files[SimulationFileWriter.fileName(for: kind)] = FNV1a64() }
        simulator.generate { record in
            files[SimulationFileWriter.fileName(for: record.kind)]!.combine(record.value + [UInt8(ascii: "\n")])
        }
        var result = files.mapValues { FNV1a64.hex($0.value) }
        var brands = FNV1a64()
        brands.combine(simulator.brandRegistryJSON)
        result[SimulationFileWriter.brandsFileName] = FNV1a64.hex(brands.value)
        var truth = FNV1a64()
        truth.combine(try simulator.truth.jsonBytes() + [UInt8(ascii: "\n")])
        result[SimulationFileWriter.truthFileName] = FNV1a64.hex(truth.value)
        return result
    }

    @Test func smallIsByteIdenticalToBefore() throws {
        #expect(try Self.digests(of: SimulatedSmall.simulator) == [
            "marketplace.listings.jsonl": "51636729810341ac", "marketplace.reviews.jsonl": "f9f39e4b78ff2fda",
            "marketplace.payments.jsonl": "b1102011248185b1", "marketplace.logistics.jsonl": "1fcd67e47c5c1120",
            "brands.json": "97e8b3f2404d1f9c", "truth.json": "9c08f8f7615fc16d",
        ])
        #expect(SimulatedSmall.simulator.labels.isEmpty)
    }

    @Test func defaultIsByteIdenticalToBefore() throws {
        let simulator = try MarketplaceSimulator(scenario: .default)
        #expect(try Self.digests(of: simulator) == [
            "marketplace.listings.jsonl": "f3e7b155c464ae61", "marketplace.reviews.jsonl": "652750940af2475f",
            "marketplace.payments.jsonl": "903446cb84275320", "marketplace.logistics.jsonl": "6a914a2bf6bce4df",
            "brands.json": "bcac01ca155eeff3", "truth.json": "bab96a9526706d71",
        ])
        #expect(simulator.labels.isEmpty)
    }

    @Test func presetsLeaveEveryNewParameterOff() {
        for preset in [SimulationScenario.default, .small] {
            #expect(preset.secondHandResellers == 0 && preset.newStores == 0 && preset.multiShopOwners == 0)
            #expect(preset.fulfilmentClients == 0 && preset.soloCounterfeiters == 0)
            #expect(!preset.officialImagesPublished && preset.festival == nil && preset.labels == nil)
            #expect(preset.logoMisdetectionRate == 0 && preset.harmlessSlangRate == 0 && preset.adaptiveCounterfeiterShare == 0)
        }
    }
}
