import Foundation
import VigilRisk

/// Scores a detector's verdicts against the simulator's ground truth.
///
/// Feed it verdicts one by one (``add(_:)``) or as JSON lines (``add(jsonLines:source:)``),
/// then ask for the ``report()``. See ``EvaluationReport`` for the definitions of every
/// number. Verdicts are de-duplicated by `verdict_id` (Kafka may deliver one twice).
public struct Evaluator: Sendable {
    /// The ground truth verdicts are scored against.
    public let truth: GroundTruth
    private let merchantsByID: [String: MerchantTruth]
    private let listingsByID: [String: ListingTruth]
    private var seen = Set<String>()
    private var read = 0
    private var intercepts = 0
    private var unknownMerchants = 0
    private var unknownListings = 0
    /// Earliest intercept `event_ts` per merchant.
    private var firstIntercept: [String: Int64] = [:]
    /// Earliest intercept verdict of each honest merchant.
    private var firstFalseIntercept: [String: Verdict] = [:]
    private var interceptedListings = Set<String>()
    /// Highest verdict score per merchant (for ``merchantCurve()``).
    private var maxScores: [String: Int] = [:]

    /// An evaluator with no verdicts yet.
    public init(truth: GroundTruth) {
        self.truth = truth
        merchantsByID = Dictionary(truth.merchants.map { ($0.merchantID, $0) }, uniquingKeysWith: { first, _ in first })
        listingsByID = Dictionary(truth.listings.map { ($0.listingID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Counts one verdict (ignored if its `verdict_id` was seen before).
    public mutating func add(_ verdict: Verdict) {
        read += 1
        guard seen.insert(verdict.verdictID).inserted else { return }
        maxScores[verdict.merchantID] = max(maxScores[verdict.merchantID] ?? 0, verdict.score)
        let knownMerchant = merchantsByID[verdict.merchantID] != nil
        if !knownMerchant { unknownMerchants += 1 }
        if let listingID = verdict.listingID, listingsByID[listingID] == nil { unknownListings += 1 }
        guard verdict.decision == .intercept else { return }
        intercepts += 1
        if let merchant = merchantsByID[verdict.merchantID] {
            firstIntercept[verdict.merchantID] = min(firstIntercept[verdict.merchantID] ?? .max, verdict.eventTS)
            if !merchant.isCounterfeit, verdict.eventTS < firstFalseIntercept[verdict.merchantID]?.eventTS ?? .max {
                firstFalseIntercept[verdict.merchantID] = verdict
            }
        }
        if let listingID = verdict.listingID, listingsByID[listingID] != nil {
            interceptedListings.insert(listingID)
        }
    }

    /// Counts every verdict in `bytes`: one JSON verdict per line; blank lines are skipped.
    /// - Throws: ``EvaluationError/badVerdict(source:line:reason:)`` naming the line (verdicts
    ///   before it are counted).
    public mutating func add(jsonLines bytes: [UInt8], source: String) throws(EvaluationError) {
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }) else { continue }
            try add(json: Array(line), source: source, line: lineNumber)
        }
    }

    /// Counts one verdict given as JSON bytes (`line` only names it in errors).
    public mutating func add(json: [UInt8], source: String, line: Int) throws(EvaluationError) {
        do {
            add(try Verdict(json: json))
        } catch {
            throw .badVerdict(source: source, line: line, reason: error.description)
        }
    }

    /// Reads a JSONL verdicts file.
    public mutating func add(contentsOfFile path: String) throws(EvaluationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableVerdicts(path: path, reason: "the file does not exist or cannot be read")
        }
        try add(jsonLines: Array(data), source: path)
    }

    /// The merchant-level precision–recall curve over score thresholds of every verdict added so far.
    public func merchantCurve() -> MerchantScoreCurve {
        MerchantScoreCurve(truth: truth, maxScores: maxScores)
    }

    /// The metrics over every verdict added so far.
    public func report() -> EvaluationReport {
        var listingCounts = (tp: 0, fp: 0, fn: 0, tn: 0)
        for listing in truth.listings {
            switch (listing.counterfeit, interceptedListings.contains(listing.listingID)) {
            case (true, true): listingCounts.tp += 1
            case (false, true): listingCounts.fp += 1
            case (true, false): listingCounts.fn += 1
            case (false, false): listingCounts.tn += 1
            }
        }
        var merchantCounts = (tp: 0, fp: 0, fn: 0, tn: 0)
        var delays: [Int64] = []
        var perPopulation: [PopulationKind: (merchants: Int, intercepted: Int)] = [:]
        for merchant in truth.merchants {
            let intercept = firstIntercept[merchant.merchantID]
            perPopulation[merchant.population, default: (0, 0)].merchants += 1
            if intercept != nil { perPopulation[merchant.population, default: (0, 0)].intercepted += 1 }
            switch (merchant.isCounterfeit, intercept) {
            case (true, let time?):
                merchantCounts.tp += 1
                delays.append(max(0, time - merchant.firstListingTS))
            case (false, _?): merchantCounts.fp += 1
            case (true, nil): merchantCounts.fn += 1
            case (false, nil): merchantCounts.tn += 1
            }
        }
        let merchants = ClassificationMetrics(truePositives: merchantCounts.tp, falsePositives: merchantCounts.fp,
                                              falseNegatives: merchantCounts.fn, trueNegatives: merchantCounts.tn)
        return EvaluationReport(
            scenario: truth.scenario, seed: truth.seed, verdictsRead: read, distinctVerdicts: seen.count,
            interceptVerdicts: intercepts, unknownMerchantVerdicts: unknownMerchants, unknownListingVerdicts: unknownListings,
            listings: ClassificationMetrics(truePositives: listingCounts.tp, falsePositives: listingCounts.fp,
                                            falseNegatives: listingCounts.fn, trueNegatives: listingCounts.tn),
            merchants: merchants, honestFalseInterceptRate: merchants.falsePositiveRate, timeToIntercept: LatencySummary(delays),
            populations: PopulationKind.allCases.compactMap { kind in
                perPopulation[kind].map { PopulationOutcome(population: kind, merchants: $0.merchants, intercepted: $0.intercepted) }
            },
            falseIntercepts: firstFalseIntercept.values
                .compactMap { verdict in merchantsByID[verdict.merchantID].map { FalseIntercept(verdict: verdict, population: $0.population) } }
                .sorted { ($0.eventTS, $0.merchantID) < ($1.eventTS, $1.merchantID) })
    }
}
