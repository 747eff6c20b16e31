/// A model file could not be loaded: which file, where in it, what is wrong,
/// and how to fix it.
///
/// `description` reads as one sentence, e.g.
/// `model.json: at learner.objective.name: objective "multi:softprob" is not supported. Fix: train with binary:logistic, …`.
public struct ModelLoadError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is, for callers that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read from disk.
        case unreadable
        /// The file's format could not be recognised.
        case unrecognizedFormat
        /// The file is not valid JSON or YAML, or a field has the wrong type.
        case malformed
        /// The file is well formed but a value is out of range or inconsistent.
        case invalidValue
        /// The model uses a feature this scorer does not implement.
        case unsupported
    }

    /// The kind of failure.
    public var kind: Kind
    /// The model file (as given by the caller).
    public var file: String
    /// Where in the document, as a dotted path with `[i]` indices
    /// (`learner.gradient_booster.model.trees[3].split_conditions`); `nil` for the whole file.
    public var path: String?
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error; see the properties for the meaning of each argument.
    public init(_ kind: Kind, file: String, path: String? = nil, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.path = path
        self.problem = problem
        self.fix = fix
    }

    /// `file: at path: problem. Fix: fix`
    public var description: String {
        let location = path.map { "\(file): at \($0)" } ?? file
        return "\(location): \(problem). Fix: \(fix)"
    }
}

extension DecodingError {
    /// The coding path of the failure as `a.b[3].c`, and a short description.
    var locationAndProblem: (path: String, problem: String) {
        let (context, problem): (Context, String)
        switch self {
        case let .typeMismatch(type, ctx):
            (context, problem) = (ctx, "expected a value of type \(type)")
        case let .valueNotFound(type, ctx):
            (context, problem) = (ctx, "expected a value of type \(type) but found null")
        case let .keyNotFound(key, ctx):
            let path = Self.render(ctx.codingPath + [key])
            return (path, "required key \"\(key.stringValue)\" is missing")
        case let .dataCorrupted(ctx):
            (context, problem) = (ctx, ctx.debugDescription)
        @unknown default:
            return ("", "\(self)")
        }
        return (Self.render(context.codingPath), problem)
    }

    /// Renders a coding path as `a.b[3].c`.
    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out.isEmpty ? "<document root>" : out
    }
}
