/// A lane's copy of the ``RiskContext``'s assessor, refreshed once per record at the cost of one
/// atomic load: it is re-read (under the context's lock) only when ``RiskContext/assessorGeneration``
/// moved, i.e. after a model hot reload. Every assessment of one record therefore comes from one
/// model, and lanes do not contend on a lock per record.
struct AssessorSnapshot {
    /// The assessor to score the current record with.
    private(set) var assessor: RiskAssessor
    private var generation: Int

    /// Takes the context's current assessor.
    init(_ context: RiskContext) {
        generation = context.assessorGeneration
        assessor = context.assessor
    }

    /// Picks up a replaced assessor, if any (call once per record, before scoring).
    mutating func refresh(from context: RiskContext) {
        let current = context.assessorGeneration
        guard current != generation else { return }
        generation = current
        assessor = context.assessor
    }
}
