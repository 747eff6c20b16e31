import Foundation
import Yams

/// Loads any supported model file, recognising its format from its content
/// (the extension is only a hint for error messages):
///
/// - a JSON object with a `learner` key → ``XGBoostModel`` (XGBoost `save_model` JSON);
/// - a JSON object with `bias`/`features` → ``ScorecardModel`` (see ``ScorecardFile``);
/// - a YAML mapping with `bias`/`features` → ``ScorecardModel``.
///
/// UBJSON and XGBoost's legacy binary format are rejected with a fix.
public struct ModelLoader: Sendable {
    /// Loader limits; the defaults suit every model Vigil ships.
    public struct Configuration: Sendable {
        /// Files larger than this are rejected before parsing; default 256 MiB.
        public var maxFileBytes: Int
        /// Creates a configuration; see each property for its default.
        public init(maxFileBytes: Int = 256 << 20) {
            self.maxFileBytes = maxFileBytes
        }
    }

    /// The formats the loader recognises.
    public enum Format: String, Sendable, Equatable {
        /// ``ScorecardFile`` in YAML.
        case scorecardYAML
        /// ``ScorecardFile`` in JSON.
        case scorecardJSON
        /// XGBoost's `save_model` JSON.
        case xgboostJSON
    }

    /// The limits in force.
    public var configuration: Configuration

    /// Creates a loader with `configuration` (default limits when omitted).
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Reads the model file at `path` and builds the model it describes.
    /// - Throws: ``ModelLoadError`` saying what failed and how to fix it.
    public func load(path: String) throws -> any RiskModel {
        try load(data: read(path), file: path)
    }

    /// Builds the model described by `data`; `file` names it in errors.
    /// - Throws: ``ModelLoadError``.
    public func load(data: Data, file: String) throws -> any RiskModel {
        switch try detectFormat(data, file: file) {
        case .xgboostJSON: return try XGBoostModel(jsonData: data, file: file)
        case .scorecardJSON: return try ScorecardFile.parse(data, syntax: .json, file: file)
        case .scorecardYAML: return try ScorecardFile.parse(data, syntax: .yaml, file: file)
        }
    }

    /// Recognises the format of a model file's bytes.
    /// - Throws: ``ModelLoadError`` of kind `unrecognizedFormat` or `malformed`.
    public func detectFormat(_ data: Data, file: String) throws -> Format {
        let supported = "pass an XGBoost model saved with Booster.save_model(\"model.json\"), or a scorecard YAML/JSON (bias + features)"
        guard let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw ModelLoadError(.unrecognizedFormat, file: file, problem: "the file is empty", fix: supported)
        }
        if first == UInt8(ascii: "{") {
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw ModelLoadError(.malformed, file: file,
                                     problem: "the file starts like JSON but is not valid JSON (\(error.localizedDescription))",
                                     fix: "if this is an XGBoost UBJSON model (.ubj), re-save it with Booster.save_model(\"model.json\"); otherwise fix the JSON syntax")
            }
            let keys = (object as? [String: Any]).map { Set($0.keys) } ?? []
            if keys.contains("learner") { return .xgboostJSON }
            if keys.contains("features") || keys.contains("bias") { return .scorecardJSON }
            throw ModelLoadError(.unrecognizedFormat, file: file,
                                 problem: "a JSON object with neither \"learner\" (XGBoost) nor \"bias\"/\"features\" (scorecard)",
                                 fix: supported)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelLoadError(.unrecognizedFormat, file: file,
                                 problem: "a binary file (perhaps XGBoost's legacy binary or UBJSON format)",
                                 fix: "re-save the model with Booster.save_model(\"model.json\")")
        }
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ModelLoadError(.malformed, file: file, problem: "neither JSON nor valid YAML (\(error))", fix: supported)
        }
        if let mapping = node?.mapping, mapping["features"] != nil || mapping["bias"] != nil {
            return .scorecardYAML
        }
        throw ModelLoadError(.unrecognizedFormat, file: file,
                             problem: "a YAML document without \"bias\"/\"features\" keys", fix: supported)
    }

    private func read(_ path: String) throws -> Data {
        let url = URL(fileURLWithPath: path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
           size > configuration.maxFileBytes {
            throw ModelLoadError(.unreadable, file: path,
                                 problem: "the file has \(size) bytes, above the \(configuration.maxFileBytes)-byte limit",
                                 fix: "check that this is the right file, or raise ModelLoader.Configuration.maxFileBytes")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ModelLoadError(.unreadable, file: path, problem: "cannot read the file (\(error.localizedDescription))",
                                 fix: "check the path and its permissions")
        }
    }
}
