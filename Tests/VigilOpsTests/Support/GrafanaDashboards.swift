import Foundation
import VigilTestSupport

/// The PromQL of the Grafana dashboards under `config/`: every target `expr` of every panel
/// (panels nested in rows included) and every query variable.
enum GrafanaDashboards {
    /// One expression and where it comes from.
    struct Query: CustomStringConvertible {
        var dashboard: String
        var panel: String
        var expression: String
        var description: String { "\(dashboard) › \(panel): \(expression)" }
    }

    /// Every dashboard JSON file below `directory`, read.
    static func queries(under directory: URL) throws -> [Query] {
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw TestSetupError("cannot list \(directory.path)")
        }
        var queries: [Query] = []
        for case let file as URL in files where file.pathExtension == "json" {
            guard let dashboard = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any], dashboard["panels"] != nil else { continue }
            let name = file.path.replacingOccurrences(of: repositoryRoot.path + "/", with: "")
            queries += panelQueries(dashboard["panels"] as? [[String: Any]] ?? [], dashboard: name)
            for variable in (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? [] {
                let query = (variable["query"] as? [String: Any])?["query"] as? String ?? variable["query"] as? String
                if variable["type"] as? String == "query", let query {
                    queries.append(Query(dashboard: name, panel: "variable \(variable["name"] ?? "?")", expression: query))
                }
            }
        }
        return queries.sorted { ($0.dashboard, $0.panel, $0.expression) < ($1.dashboard, $1.panel, $1.expression) }
    }

    private static func panelQueries(_ panels: [[String: Any]], dashboard: String) -> [Query] {
        panels.flatMap { panel -> [Query] in
            let title = panel["title"] as? String ?? "untitled panel"
            let own = (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
                .map { Query(dashboard: dashboard, panel: title, expression: $0) }
            return own + panelQueries(panel["panels"] as? [[String: Any]] ?? [], dashboard: dashboard)
        }
    }
}
