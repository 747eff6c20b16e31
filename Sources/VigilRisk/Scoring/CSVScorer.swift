/// What scoring a feature-rows CSV produced.
public struct CSVScoringResult: Sendable {
    /// One model output per data row, in file order.
    public var probabilities: [Double]
    /// The model's ``RiskModel/version``.
    public var modelVersion: String
    /// CSV columns the model does not use (ignored).
    public var ignoredColumns: [String]
    /// Model features with no CSV column (missing in every row).
    public var missingFeatures: [String]

    /// Human-readable warnings about ``ignoredColumns`` and ``missingFeatures``, one per name.
    public var warnings: [String] {
        ignoredColumns.map { "column \"\($0)\" is not a feature of the model; ignored" }
            + missingFeatures.map { "model feature \"\($0)\" has no column in the input; scored as missing" }
    }
}

/// Scores every row of a feature-rows CSV with a model: what
/// `vigil score --model FILE --input rows.csv` runs.
///
/// Columns are matched to the model's features by name (order does not
/// matter): unknown columns are ignored and model features without a column
/// are missing; both are reported in ``CSVScoringResult``.
public struct CSVScorer: Sendable {
    /// Loads the model file.
    public var loader: ModelLoader
    /// Options for reading the CSV; default comma-separated.
    public var csvOptions: FeatureRowsCSV.Options

    /// Creates a scorer; the defaults load any supported model and read plain CSV.
    public init(loader: ModelLoader = ModelLoader(), csvOptions: FeatureRowsCSV.Options = .init()) {
        self.loader = loader
        self.csvOptions = csvOptions
    }

    /// Loads the model at `modelPath`, reads `inputPath`, and scores every row.
    /// - Throws: ``ModelLoadError`` for the model, ``FeatureRowsCSVError`` for the CSV.
    public func score(modelPath: String, inputPath: String) throws -> CSVScoringResult {
        let model = try loader.load(path: modelPath)
        let rows = try FeatureRowsCSV(contentsOf: inputPath, options: csvOptions)
        return score(model: model, rows: rows)
    }

    /// Scores already-loaded rows with an already-loaded model.
    public func score(model: any RiskModel, rows: FeatureRowsCSV) -> CSVScoringResult {
        let mapping = FeatureMapping(from: rows.columnNames, to: model.featureNames)
        return CSVScoringResult(
            probabilities: rows.rows.map { model.probability(mapping.map($0)) },
            modelVersion: model.version,
            ignoredColumns: mapping.unknownSourceNames,
            missingFeatures: mapping.missingTargetNames
        )
    }
}
