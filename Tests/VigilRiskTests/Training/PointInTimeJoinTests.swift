import Testing
@testable import VigilRisk

/// Which label, if any, decides a feature-log row's outcome.
@Suite("Training: point-in-time label join")
struct PointInTimeJoinTests {
    static func row(_ subject: VerdictSubject, merchant: String = "m1", ts: Int64) -> FeatureLogRow {
        FeatureLogRow(subject: subject, merchantID: merchant, eventID: "e-\(merchant)-\(ts)-\(subject.wireName)", eventTS: ts,
                      modelVersion: "v", score: 10, decision: .allow, published: true, features: [1])
    }

    static func label(_ id: String, merchant: String = "m1", listing: String? = nil, _ outcome: LabelEvent.Outcome,
                      _ source: LabelEvent.Source = .testBuy, ts: Int64) -> LabelEvent {
        LabelEvent(eventID: "ev-\(id)", merchantID: merchant, ts: ts, labelID: id, listingID: listing, outcome: outcome, source: source, brand: nil, note: nil)
    }

    @Test("a label established before (or at) the decision does not join it; one after does")
    func pointInTime() {
        let join = PointInTimeLabelJoin(labels: [Self.label("a", listing: "l1", .counterfeit, ts: 100)])
        #expect(join.label(for: Self.row(.listing("l1"), ts: 99))?.labelID == "a")
        #expect(join.label(for: Self.row(.listing("l1"), ts: 100)) == nil)
        #expect(join.label(for: Self.row(.listing("l1"), ts: 150)) == nil)
    }

    @Test("a listing label applies to that listing's rows only; a merchant label to all the merchant's rows")
    func scopes() {
        let join = PointInTimeLabelJoin(labels: [
            Self.label("listing", listing: "l1", .counterfeit, ts: 100),
            Self.label("merchant", merchant: "m2", .counterfeit, .enforcement, ts: 100),
        ])
        #expect(join.label(for: Self.row(.listing("l1"), ts: 50))?.labelID == "listing")
        #expect(join.label(for: Self.row(.listing("l2"), ts: 50)) == nil, "another listing of the merchant")
        #expect(join.label(for: Self.row(.merchant, ts: 50)) == nil, "a listing label does not judge the merchant row")
        #expect(join.label(for: Self.row(.listing("l9"), merchant: "m2", ts: 50))?.labelID == "merchant")
        #expect(join.label(for: Self.row(.merchant, merchant: "m2", ts: 50))?.labelID == "merchant")
        #expect(join.label(for: Self.row(.merchant, merchant: "m3", ts: 50)) == nil, "other merchants")
    }

    @Test("an appeal genuine overrides an earlier counterfeit label; the latest wins; ties favour the appeal")
    func conflicts() {
        let join = PointInTimeLabelJoin(labels: [
            Self.label("test-buy", listing: "l1", .counterfeit, ts: 100),
            Self.label("appeal", .genuine, .appeal, ts: 200),  // merchant-wide appeal
            Self.label("again", listing: "l2", .counterfeit, .rightsHolder, ts: 300),
            Self.label("tie-rh", merchant: "m2", .counterfeit, .rightsHolder, ts: 100),
            Self.label("tie-appeal", merchant: "m2", .genuine, .appeal, ts: 100),
        ])
        #expect(join.label(for: Self.row(.listing("l1"), ts: 50))?.labelID == "appeal")
        #expect(join.label(for: Self.row(.listing("l1"), ts: 150))?.outcome == .genuine, "the counterfeit label came before this row")
        #expect(join.label(for: Self.row(.listing("l2"), ts: 50))?.labelID == "again", "a later finding overrides the appeal")
        #expect(join.label(for: Self.row(.merchant, ts: 250)) == nil)
        #expect(join.label(for: Self.row(.merchant, merchant: "m2", ts: 10))?.labelID == "tie-appeal")
    }

    @Test("the training set keeps labelled rows only, in event-time order, and refuses one class or no labels")
    func trainingSet() throws {
        let rows = [Self.row(.listing("l1"), ts: 30), Self.row(.listing("l2"), ts: 10), Self.row(.merchant, ts: 20), Self.row(.merchant, merchant: "m9", ts: 5)]
        let labels = [Self.label("c", listing: "l1", .counterfeit, ts: 100), Self.label("g", .genuine, .manualReview, ts: 25)]
        let set = try TrainingSet(rows: rows, labels: labels)
        #expect(set.examples.map(\.row.eventTS) == [10, 20, 30])
        #expect(set.examples.map(\.target) == [0, 0, 1])
        #expect(set.labelCounts == ["counterfeit": ["test_buy": 1], "genuine": ["manual_review": 1]])
        let csv = try FeatureRowsCSV(text: set.csv())
        #expect(csv.columnNames == TrainingSet.metaColumns + FeatureCatalog.names)
        #expect(csv.rows.count == 3 && csv.rows[2][0] == 1 && csv.rows[0][1] == 10 && csv.rows[1][3] == 1)
        #expect(csv.rows[0][5].isNaN, "features past the row's array are missing")

        #expect(throws: TrainingError.noLabelledRows(rows: 4, labels: 1)) {
            _ = try TrainingSet(rows: rows, labels: [Self.label("old", .counterfeit, ts: 1)])
        }
        #expect(throws: TrainingError.oneClass(outcome: .counterfeit, rows: 1)) {
            _ = try TrainingSet(rows: rows, labels: [labels[0]])
        }
    }

    @Test("label files: contract JSON lines; a bad line is named")
    func labelFile() throws {
        let text = """
        {"event_id":"lab-1","merchant_id":"m1","ts":5,"label_id":"L1","listing_id":null,"outcome":"counterfeit","source":"test_buy","brand":"Rolex","note":null}

        {"event_id":"lab-2","merchant_id":"m1","ts":6,"label_id":"L2","listing_id":"l1","outcome":"genuine","source":"appeal","brand":null,"note":"ok"}
        {"event_id":"lab-3","merchant_id":"m1","ts":7,"label_id":"L3","listing_id":null,"outcome":"fake","source":"appeal"}
        """
        #expect(throws: TrainingError.self) { _ = try TrainingLabelFile.parse(Array(text.utf8), source: "labels.jsonl") }
        do {
            _ = try TrainingLabelFile.parse(Array(text.utf8), source: "labels.jsonl")
        } catch {
            #expect(error.description.contains("labels.jsonl line 4"))
            #expect(error.description.contains("'outcome'"), "the problem names the field, as the DLQ reason does")
        }
        let good = try TrainingLabelFile.parse(Array(text.split(separator: "\n").prefix(2).joined(separator: "\n").utf8), source: "labels.jsonl")
        #expect(good.map(\.labelID) == ["L1", "L2"])
        #expect(good.map(\.eventID) == ["lab-1", "lab-2"])
        #expect(good.map(\.listingID) == [nil, "l1"])
        #expect(good.map(\.outcome) == [.counterfeit, .genuine] && good.map(\.source) == [.testBuy, .appeal] && good.map(\.ts) == [5, 6])
        #expect(good.map(\.brand) == ["Rolex", nil] && good.map(\.note) == [nil, "ok"])
    }
}
