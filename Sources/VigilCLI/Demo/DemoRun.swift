import Foundation
import Logging
import ServiceLifecycle
import VigilConsole
import VigilEngine
import VigilKafka
import VigilOps
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// `vigil demo` from the moment the marketplace's events are in the cluster, as a
/// swift-service-lifecycle `Service` next to the admin endpoint in the demo's service group.
///
/// It runs the pipeline (the topic exporter, the takedown consumer and the engine) in a service
/// group of its own, prints the progress until everything is drained (or the timeout passes),
/// shuts the pipeline down gracefully (engine, then takedown, then the exporter's last records)
/// and prints the summary. With `--keep-serving` it then waits for the outer group's graceful
/// shutdown (SIGINT or SIGTERM), so that the admin endpoint and the console keep serving until
/// then. A signal while the pipeline runs stops the progress early: the pipeline shuts down
/// gracefully and the summary covers what was processed.
struct DemoRun: Service {
    /// The command's options.
    let command: DemoCommand
    /// The topology the engine runs (its input topics are watched for lag).
    let topology: Topology
    /// The engine.
    let engine: StreamEngine
    /// The downstream takedown consumer.
    let takedown: TakedownService
    /// The copier of `--feature-log`, `--labels` and `--verdicts`, if any was asked for.
    let exporter: TopicExporter?
    /// The brand registry's follower, stopped after the pipeline.
    let brandFollower: GlobalTableReader?
    /// The risk domain (its case store holds the leads).
    let context: RiskContext
    /// The embedded cluster.
    let cluster: EmbeddedKafkaCluster
    /// The demo's client configuration for the cluster (the lag is read with it).
    let kafka: KafkaConfiguration
    /// The simulated marketplace (its ground truth scores the verdicts).
    let simulator: MarketplaceSimulator
    /// The engine's own latencies.
    let latencies: TimerHistograms
    /// The admin endpoint (its port goes into the printed addresses).
    let adminServer: AdminServer
    /// The console mounted on the admin endpoint, if any.
    let console: Console?
    /// Marketplace events the simulator generated.
    let eventCount: Int
    /// Where failures of the pipeline are logged.
    let logger: Logger

    /// Runs the pipeline to the summary; with `--keep-serving`, then waits for graceful shutdown.
    func run() async throws {
        let verdictReader = try VerdictCollector(configuration: cluster.consumerConfiguration(clientID: "demo-verdicts"), truth: simulator.truth)
        let started = ContinuousClock.now
        var pipeline: [ServiceGroupConfiguration.ServiceConfiguration] = []
        // First in the group, so shut down last: after the engine's last feature rows.
        if let exporter { pipeline.append(.init(service: EngineService(engine: exporter, exitOnSecondSignal: false, threadName: "vigil-demo-export", logger: logger))) }
        pipeline += [
            // A failure stops the others gracefully; the progress below then runs out its timeout.
            .init(service: EngineService(engine: takedown, exitOnSecondSignal: false, threadName: "vigil-takedown", logger: logger),
                  failureTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: EngineService(engine: engine, exitOnSecondSignal: false, logger: logger), failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        // No signals of its own: the demo's group passes its graceful shutdown on to this one.
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: pipeline, gracefulShutdownSignals: [], logger: logger))
        let servicesTask = Task { try await services.run() }
        let lagReader = try KafkaAdmin(configuration: kafka)
        let port = await adminServer.boundPort
        print("metrics at http://127.0.0.1:\(port)/metrics  (health: /health, readiness: /ready)")
        let consoleURL = console?.url(host: try AdminAddress(parsing: command.adminAddress).host, port: port)
        if let consoleURL { print("console at \(consoleURL)") }

        // 5. Progress until every input and internal topic is committed and verdicts stop arriving.
        var finishedAt = ContinuousClock.now
        var quietSince = ContinuousClock.now
        var lastActivity = 0
        var lastIn = 0
        let allInputs = topology.inputTopics
        while true {
            try await Task.sleep(for: .seconds(1))
            verdictReader.drain()
            let status = engine.status
            let lag = (try? lagReader.lag(group: topology.name, topics: allInputs).reduce(0) { $0 + $1.lag }) ?? -1
            let counts = verdictReader.counts
            let rate = status.recordsIn - lastIn
            lastIn = status.recordsIn
            print(String(format: "[%5.1fs] in %7d (%6d/s)  lag %7d  verdicts allow %6d review %5d intercept %5d  leads %d",
                         (ContinuousClock.now - started).secondsDouble, status.recordsIn, rate, lag, counts.allow, counts.review, counts.intercept, verdictReader.leads))
            // Drained: nothing left to commit, and no record, verdict or lead moved for 2 s (the
            // ring stage keeps feeding the merchant stage after the last marketplace event).
            let activity = counts.total + verdictReader.leads + status.recordsIn
            if activity != lastActivity || lag != 0 { quietSince = ContinuousClock.now; lastActivity = activity }
            if lag == 0, counts.total > 0, ContinuousClock.now - quietSince >= .seconds(2) { finishedAt = quietSince; break }
            if ContinuousClock.now - started > .seconds(command.timeout) {
                print("stopping after \(command.timeout) s without draining completely")
                finishedAt = ContinuousClock.now
                break
            }
            if Task.isShuttingDownGracefully {
                print(String(format: "interrupted after %.1f s: stopping without draining completely", (ContinuousClock.now - started).secondsDouble))
                finishedAt = ContinuousClock.now
                break
            }
        }
        await services.triggerGracefulShutdown()
        if case .failure(let error) = await servicesTask.result { logger.error("\(error)") }
        verdictReader.drain()
        verdictReader.close()
        if let featureLog = command.featureLog { print("feature log: \(exporter?.count(FeatureLogRow.topic) ?? 0) rows in \(featureLog)") }
        if let labels = command.labels { print("labels: \(exporter?.count(ContractTopicNames().labels) ?? 0) label events in \(labels)") }
        if let verdicts = command.verdicts { print("verdicts: \(exporter?.count(ContractTopicNames().verdicts) ?? 0) in \(verdicts)") }
        brandFollower?.stop()

        // 6. The summary.
        let processingSeconds = (finishedAt - started).secondsDouble
        let report = verdictReader.evaluator.report()
        let leads = (try? context.cases?.list()) ?? []
        let summary = DemoSummary(
            events: eventCount, processingSeconds: processingSeconds, recordsIn: engine.status.recordsIn,
            deadLetters: engine.status.deadLetters, lateRecords: engine.status.lateRecords, lostRanges: engine.status.outOfRangeResets,
            ingestLatency: latencies.quantiles(label: "vigil_ingest_to_ack_seconds", dimensions: [("topic", ContractTopicNames().verdicts)]),
            report: report, takedown: takedown.processor.tally, leads: leads, cases: context.cases, metricsURL: "http://127.0.0.1:\(port)/metrics",
            consoleURL: consoleURL, caseStore: "\(command.workDirectory)/cases.sqlite", keepServing: command.keepServing,
            rings: RingCoverage(leads: (try? context.cases?.latestSnapshots()) ?? [], truth: simulator.truth)
        )
        print(summary.render())
        if command.json { print(try summary.jsonLine()) }
        if command.keepServing, let consoleURL, !Task.isShuttingDownGracefully {
            print("serving the console at \(consoleURL) (embedded Kafka at \(cluster.bootstrapServers)) until interrupted (Ctrl-C)")
            fflush(nil)  // stdout is block-buffered when it is a pipe: the line must reach whoever waits for it
            try await gracefulShutdown()  // the demo's group: SIGINT or SIGTERM
        }
    }
}
