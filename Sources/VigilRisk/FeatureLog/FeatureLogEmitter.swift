import VigilEngine

/// Emits ``FeatureLogRow``s from the merchant stage to its `feature-log` sink.
///
/// The merchant stage has one only when the feature log is enabled (``RiskContext/featureLogEnabled``,
/// `risk.feature_log`, default on) and its topology declares the sink (an older topology file
/// without it keeps working, without a feature log).
struct FeatureLogEmitter: Sendable {
    /// The sink name in the topology. Default `feature-log`.
    static let sinkName = "feature-log"

    /// The sink rows go to.
    var sink: String = FeatureLogEmitter.sinkName

    /// The emitter for an operator declared with `sinks`, or `nil` when the log is off or the sink is not declared.
    static func make(sinks: [String], enabled: Bool) -> FeatureLogEmitter? {
        enabled && sinks.contains(sinkName) ? FeatureLogEmitter() : nil
    }

    /// Emits the row for one assessment, keyed by `merchantID`.
    func log(_ subject: VerdictSubject, merchantID: String, features: FeatureVector, assessment: Assessment,
             eventID: String, eventTS: Int64, published: Bool, into processing: inout ProcessingContext) {
        let row = FeatureLogRow(subject: subject, merchantID: merchantID, eventID: eventID, eventTS: eventTS,
                                modelVersion: assessment.modelVersion, score: assessment.score, decision: assessment.decision,
                                published: published, features: features.values)
        processing.emit(OutputRecord(sink: sink, key: merchantID, value: row.encoded()))
    }
}
