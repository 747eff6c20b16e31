import Foundation
import Testing
import Yams
import VigilTestSupport

/// `docker-compose.yml` cannot be run here (no Docker engine), so check what can be checked:
/// it parses, has the services, and every file it references exists and parses.
@Suite("Deployment files")
struct ComposeTests {
    static func load(_ relative: String) throws -> [String: Any] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(relative) is not a YAML mapping")
    }

    static func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(relative).path)
    }

    @Test func composeHasTheServicesAndEveryReferencedFileExists() throws {
        let compose = try Self.load("docker-compose.yml")
        let services = try #require(compose["services"] as? [String: [String: Any]])
        #expect(Set(services.keys).isSuperset(of: ["kafka", "topics", "vigil", "prometheus", "grafana"]))

        var referenced: [String] = []
        for (name, service) in services {
            for volume in service["volumes"] as? [String] ?? [] {
                let host = String(volume.split(separator: ":")[0])
                if host.hasPrefix(".") || host.hasPrefix("/") { referenced.append(host) }
                else { #expect((compose["volumes"] as? [String: Any])?[host] != nil, "service \(name): named volume \(host) is not declared") }
            }
            if let build = service["build"] as? [String: Any] {
                let context = build["context"] as? String ?? "."
                referenced.append(context)
                referenced.append((context as NSString).appendingPathComponent(build["dockerfile"] as? String ?? "Dockerfile"))
            } else if let context = service["build"] as? String {
                referenced.append((context as NSString).appendingPathComponent("Dockerfile"))
            }
            if service["build"] == nil { #expect(service["image"] is String, "service \(name) has neither image nor build") }
        }
        #expect(!referenced.isEmpty)
        for path in referenced {
            #expect(Self.exists(path), "docker-compose.yml references \(path), which does not exist")
        }

        let vigil = try #require(services["vigil"])
        let command = (vigil["command"] as? [String])?.joined(separator: " ") ?? vigil["command"] as? String ?? ""
        #expect(command.contains("--config config/vigil.yml"))
        #expect(command.contains("--brokers kafka:9092"))
        #expect(command.contains("--admin-address 0.0.0.0:9464"))

        let topics = try #require(services["topics"])
        let script = "\(topics["command"] ?? "") \(topics["entrypoint"] ?? "")"
        for topic in ["marketplace.listings", "marketplace.reviews", "marketplace.payments", "marketplace.logistics", "marketplace.labels", "marketplace.brands", "risk.verdicts", "risk.leads", "risk.dlq",
                      "vigil.feature-log"] {
            #expect(script.contains(topic), "the topics service does not create \(topic)")
        }
        #expect(script.contains("cleanup.policy=compact"))
    }

    @Test func prometheusScrapesVigil() throws {
        let prometheus = try Self.load("config/prometheus.yml")
        let jobs = try #require(prometheus["scrape_configs"] as? [[String: Any]])
        let targets = jobs.flatMap { ($0["static_configs"] as? [[String: Any]] ?? []).flatMap { $0["targets"] as? [String] ?? [] } }
        #expect(targets.contains("vigil:9464"))
    }

    @Test func grafanaProvisioningAndDashboardParse() throws {
        let datasources = try Self.load("config/grafana/provisioning/datasources/prometheus.yml")
        let sources = try #require(datasources["datasources"] as? [[String: Any]])
        #expect(sources.first?["url"] as? String == "http://prometheus:9090")
        let providers = try Self.load("config/grafana/provisioning/dashboards/vigil.yml")
        #expect((providers["providers"] as? [[String: Any]])?.isEmpty == false)

        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("config/grafana/dashboards/vigil.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }.joined(separator: "\n")
        for metric in ["vigil_consumer_lag", "vigil_events_in_total", "vigil_outputs_total", "vigil_event_to_ack_seconds_bucket",
                       "vigil_verdicts_total", "vigil_dlq_total", "vigil_late_events_total", "vigil_lane_queue_depth",
                       "vigil_paused_partitions", "vigil_checkpoint_duration_seconds_bucket", "vigil_records_lost_resets_total"] {
            #expect(expressions.contains(metric), "the dashboard has no panel on \(metric)")
        }
    }
}
