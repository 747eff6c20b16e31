import Foundation
import VigilRisk

/// Writes a simulation to a directory:
///
/// | file | contents |
/// | --- | --- |
/// | `marketplace.listings.jsonl` (and `.reviews`, `.payments`, `.logistics`) | one event object per line, in delivery order; the Kafka key is the event's `merchant_id` |
/// | `marketplace.labels.jsonl` | the ``MarketplaceSimulator/labels``, one label object per line, by `ts` (empty when the scenario has none) |
/// | `brands.json` | the brand registry in the contract's file format |
/// | `truth.json` | the ``GroundTruth`` |
///
/// Lines are the exact bytes a producer would send as the Kafka value (no wrapper object),
/// so `kcat -P -t marketplace.listings -l marketplace.listings.jsonl` works as is (unkeyed),
/// and any line can be fed to ``ContractDecoder``.
public struct SimulationFileWriter: Sendable {
    /// File names of the four topics' JSONL files, in ``EventKind`` order.
    public static func fileName(for kind: EventKind) -> String { SimulatedRecord.defaultTopic(for: kind) + ".jsonl" }
    /// Name of the labels file (`marketplace.labels` topic).
    public static let labelsFileName = SimulatedLabel.topic + ".jsonl"
    /// Name of the registry file.
    public static let brandsFileName = "brands.json"
    /// Name of the ground-truth file.
    public static let truthFileName = "truth.json"

    /// The directory written to.
    public let directory: URL

    /// A writer into `directory` (created if missing when writing).
    public init(directory: URL) { self.directory = directory }

    /// Writes `brands.json` and `truth.json` only (for when events go to Kafka instead).
    public func writeRegistryAndTruth(of simulator: MarketplaceSimulator) throws(SimulationError) {
        try createDirectory()
        try write(simulator.brandRegistryJSON, to: Self.brandsFileName)
        do {
            try write(try simulator.truth.jsonBytes() + [UInt8(ascii: "\n")], to: Self.truthFileName)
        } catch let error as SimulationError {
            throw error
        } catch {
            throw .cannotWrite(path: path(Self.truthFileName), reason: "cannot encode the truth: \(error)")
        }
    }

    /// Generates every record of `simulator` into the four JSONL files, its labels into
    /// `marketplace.labels.jsonl`, plus `brands.json` and `truth.json`; returns what was
    /// written (labels are not counted in the summary's records). `progress` is told the number
    /// of records generated so far after each one.
    @discardableResult
    public func write(_ simulator: MarketplaceSimulator, progress: (Int) -> Void = { _ in }) throws(SimulationError) -> SimulationSummary {
        try writeRegistryAndTruth(of: simulator)
        var labelLines: [UInt8] = []
        for label in simulator.labels { labelLines += label.value + [UInt8(ascii: "\n")] }
        try write(labelLines, to: Self.labelsFileName)
        var buffers: [EventKind: [UInt8]] = [:]
        var handles: [EventKind: FileHandle] = [:]
        for kind in EventKind.allCases {
            let name = path(Self.fileName(for: kind))
            guard FileManager.default.createFile(atPath: name, contents: nil), let handle = FileHandle(forWritingAtPath: name) else {
                throw .cannotWrite(path: name, reason: "cannot create the file")
            }
            handles[kind] = handle
            buffers[kind] = []
        }
        var summary = SimulationSummary(records: [], merchants: simulator.truth.merchants.count)
        var tally = SimulationSummary.Tally()
        do {
            try simulator.generate { record in
                buffers[record.kind]!.append(contentsOf: record.value)
                buffers[record.kind]!.append(UInt8(ascii: "\n"))
                tally.add(record, to: &summary)
                progress(summary.records)
                if buffers[record.kind]!.count >= 1 << 20 {
                    try handles[record.kind]!.write(contentsOf: buffers[record.kind]!)
                    buffers[record.kind]!.removeAll(keepingCapacity: true)
                }
            }
            for kind in EventKind.allCases {
                try handles[kind]!.write(contentsOf: buffers[kind]!)
                try handles[kind]!.close()
            }
        } catch {
            throw .cannotWrite(path: directory.path, reason: "\(error)")
        }
        return summary
    }

    private func createDirectory() throws(SimulationError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory.path, reason: "cannot create the directory (\(error.localizedDescription))")
        }
    }

    private func write(_ bytes: [UInt8], to name: String) throws(SimulationError) {
        guard FileManager.default.createFile(atPath: path(name), contents: Data(bytes)) else {
            throw .cannotWrite(path: path(name), reason: "cannot create the file")
        }
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
