import ArgumentParser
import Foundation
import VigilOps
import VigilRisk

/// `vigil leads`: the investigators' view of the case store.
struct LeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "List, show and export investigation leads kept in the case store.",
        subcommands: [List.self, Show.self, Export.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "Case store (SQLite) written by `vigil run` / `vigil demo`.")
        var cases: String = VigilConfiguration.RiskSettings.defaultCases

        func open() throws -> CaseStore {
            guard FileManager.default.fileExists(atPath: cases) else {
                throw ValidationError("no case store at \(cases); run `vigil demo` or `vigil run` first, or pass --cases PATH")
            }
            return try CaseStore(path: cases)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per ring, highest score first.")
        @OptionGroup var options: Options
        @Flag(name: .customLong("all"), help: "Also list closed cases: rings merged into another or dissolved.")
        var includeClosed = false

        func run() throws {
            let rows = try options.open().list(includeClosed: includeClosed).sorted { ($0.score, $0.memberCount) > ($1.score, $1.memberCount) }
            print("RING".padding(toLength: 24, withPad: " ", startingAt: 0) + " SCORE  MEMBERS  REVISION  UPDATED_AT" + (includeClosed ? "     CLOSED" : ""))
            for row in rows {
                let closed = includeClosed ? "     " + (row.closedReason ?? "open") : ""
                print(row.ringID.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: " %5d  %7d  %8d  %lld", row.score, row.memberCount, row.revision, row.updatedAt) + closed)
            }
            if rows.isEmpty { print("(no leads)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A ring's members, links, ship-from districts and evidence.")
        @OptionGroup var options: Options
        @Argument(help: "The ring id.") var ringID: String

        func run() throws {
            guard let found = try options.open().show(ringID) else {
                throw ValidationError("no lead with ring id \(ringID); `vigil leads list` shows the ids")
            }
            let lead = found.snapshot
            print("ring \(lead.ringID)  score \(lead.score)  revision \(found.revision)  updated_at \(lead.updatedAt)")
            print("merchants (\(lead.merchants.count)): \(lead.merchants.joined(separator: ", "))")
            print("links:")
            for link in lead.links { print("  \(link.kind.rawValue) \(link.valueHash): \(link.merchants.joined(separator: ", "))") }
            print("likely production / storage sites:")
            for site in lead.shipFrom { print("  \(site.province) / \(site.city) / \(site.district): \(site.count) shipments") }
            print("evidence:")
            for item in lead.evidence { print("  \(item.merchantID) \(item.eventID) \(item.reasonCode)") }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write leads as CSV (one row per member) and district hotspots as GeoJSON.")
        @OptionGroup var options: Options
        @Option(help: "CSV output path.") var csv: String = "leads.csv"
        @Option(help: "GeoJSON output path.") var geojson: String = "hotspots.geojson"

        func run() throws {
            let store = try options.open()
            try store.exportCSV(to: URL(fileURLWithPath: csv))
            try store.exportGeoJSON(to: URL(fileURLWithPath: geojson))
            print("wrote \(csv) and \(geojson)")
        }
    }
}
