import Foundation
import VigilOps
import VigilRisk
import VigilSimulation

/// What the demo prints at the end.
struct DemoSummary {
    var events: Int
    var processingSeconds: Double
    var recordsIn: Int
    var deadLetters: Int
    var lateRecords: Int
    /// Times the engine found records deleted by the embedded cluster's retention before it read them.
    var lostRanges: Int
    /// Poll-to-acknowledgement latency of the verdicts (HDR histogram of the engine's timer).
    var ingestLatency: TimerHistograms.Quantiles
    var report: EvaluationReport
    var takedown: TakedownTally
    var leads: [CaseSummary]
    var cases: CaseStore?
    var metricsURL: String
    /// The investigators' console, when it was served.
    var consoleURL: String?
    var caseStore: String
    /// Whether the console stays up after the summary (`--keep-serving`).
    var keepServing = false
    var rings: RingCoverage

    func render() -> String {
        func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f ms", $0 * 1000) } ?? "-" }
        var lines: [String] = []
        lines.append("")
        lines.append("==================== Vigil demo summary ====================")
        lines.append(String(format: "events simulated           %d", events))
        lines.append(String(format: "records processed          %d (including internal repartition topics)", recordsIn))
        lines.append(String(format: "wall time to drain         %.1f s  ->  %.0f marketplace events/s", processingSeconds, Double(events) / max(processingSeconds, 0.001)))
        lines.append("dead letters / late        \(deadLetters) / \(lateRecords)")
        if lostRanges > 0 {
            lines.append("RECORDS LOST               \(lostRanges) times a consumer fell behind the embedded cluster's retention (~5 MiB per partition); see the log")
        }
        lines.append("poll -> verdict acked      p50 \(ms(ingestLatency.quantile(0.5)))  p90 \(ms(ingestLatency.quantile(0.9)))  p99 \(ms(ingestLatency.quantile(0.99)))")
        lines.append("takedown consumer          \(takedown.intercept) intercepts applied, \(takedown.interceptedListings.count) listings and \(takedown.interceptedMerchants.count) merchants taken down, \(takedown.duplicates) duplicates ignored")
        lines.append("")
        lines.append(report.render())
        lines.append("")
        lines.append(String(format: "rings: %.1f %% of true ring members are in a lead with another member of their ring; largest honest share in a lead %.1f %%", rings.memberCoverage * 100, rings.worstHonestShare * 100))
        lines.append("top leads (\(leads.count) rings in \(caseStore)):")
        for lead in leads.sorted(by: { ($0.score, $0.memberCount) > ($1.score, $1.memberCount) }).prefix(5) {
            var line = "  \(lead.ringID)  score \(lead.score)  \(lead.memberCount) shops"
            if let snapshot = try? cases?.show(lead.ringID)?.snapshot, let site = snapshot.shipFrom.first {
                line += "  ships from \(site.province)/\(site.city)/\(site.district) (\(site.count))"
            }
            lines.append(line)
        }
        lines.append("")
        lines.append("metrics were at \(metricsURL); leads: vigil leads list --cases \(caseStore)")
        if let consoleURL { lines.append("investigators' console: \(consoleURL)\(keepServing ? "" : " (rerun with --keep-serving to keep it open after the summary)")") }
        return lines.joined(separator: "\n")
    }

    /// One line naming an intercepted honest merchant and why.
    static func describe(_ entry: FalseIntercept) -> String {
        "\(entry.merchantID) (\(entry.population.rawValue)) score \(entry.score) on \(entry.subject) at \(entry.eventTS): \(entry.reasons.joined(separator: "; "))"
    }

    /// The summary for scripts (`vigil demo --json`): `DEMO_SUMMARY ` and one JSON object, keys sorted.
    /// - Throws: ``EncodingFailure`` when a figure cannot be written as JSON.
    func jsonLine() throws -> String {
        let object: [String: Any] = [
            "events": events,
            "seconds": processingSeconds,
            "merchant_precision": report.merchants.precision,
            "merchant_recall": report.merchants.recall,
            "honest_false_intercept_rate": report.honestFalseInterceptRate,
            "leads": leads.count,
            "ring_member_coverage": rings.memberCoverage,
            "worst_lead_honest_share": rings.worstHonestShare,
            "dead_letters": deadLetters,
            "lost_ranges": lostRanges,
            "intercepts_applied": takedown.intercept,
            "false_intercepts": report.falseIntercepts.map(Self.describe),
            "populations": Dictionary(uniqueKeysWithValues: report.populations.map { ($0.population.rawValue, [$0.merchants, $0.intercepted]) }),
            "time_to_intercept_p90_ms": report.timeToIntercept.p90.map { NSNumber(value: $0) } ?? NSNull(),
        ]
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        } catch {
            let notFinite = object.filter { ($0.value as? Double).map { !$0.isFinite } ?? false }.keys.sorted()
            throw EncodingFailure(notFinite: notFinite, reason: "\(error)")
        }
        return "DEMO_SUMMARY " + String(decoding: data, as: UTF8.self)
    }

    /// The `--json` summary line could not be written.
    struct EncodingFailure: Error, CustomStringConvertible {
        /// The figures that are not finite numbers (JSON has none), if any.
        var notFinite: [String]
        /// What the JSON encoder said.
        var reason: String

        var description: String {
            let figures = notFinite.isEmpty ? "" : "; not a finite number: \(notFinite.joined(separator: ", "))"
            return "cannot write the demo summary as JSON (--json): \(reason)\(figures); the table above has the figures, "
                + "rerun without --json for it alone, or report the run's arguments so the figure can be fixed"
        }
    }
}
