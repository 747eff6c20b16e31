import ArgumentParser
import Foundation
import VigilConsole
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// `vigil bench console`: server-side render time of the console's pages over a large synthetic
/// case store (default 10,000 leads and 100,000 merchants; target ≤ 50 ms per page).
struct ConsoleBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Render time of the console's pages with 10,000 leads and 100,000 merchants in the case store (target <= 50 ms)."
    )

    @Option(help: "Leads in the synthetic case store.")
    var leads: Int = 10_000

    @Option(help: "Merchants per lead (leads x this = merchants).")
    var merchantsPerLead: Int = 10

    @Option(help: "Timed renders per page.")
    var iterations: Int = 50

    @Option(help: "Where the synthetic case store is built (replaced).")
    var store: String = ".vigil/bench-console.sqlite"

    @Flag(help: "Reuse the store at --store if it exists instead of building it.")
    var reuse = false

    func run() throws {
        try FileManager.default.createDirectory(atPath: (store as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let started = ContinuousClock.now
        let cases = reuse && FileManager.default.fileExists(atPath: store)
            ? try CaseStore(path: store)
            : try SyntheticCases(rings: leads, merchantsPerRing: merchantsPerLead).build(at: store)
        print(String(format: "case store %@: %d leads, %d merchants (ready in %.1f s)", store, leads, leads * merchantsPerLead, (ContinuousClock.now - started).secondsDouble))
        let pages = ConsolePages(cases: cases, csrfToken: "bench")
        var random = SimulationRNG(seed: 7)
        let checks: [(String, () throws -> HTML?)] = [
            ("leads, first page", { try pages.leads(FormFields("")) }),
            ("leads, brand filter", { try pages.leads(FormFields("brand=Rolex")) }),
            ("leads, province filter", { try pages.leads(FormFields("province=Fujian&status=all")) }),
            ("leads, brand + province, page 20", { try pages.leads(FormFields("brand=Nike&province=Zhejiang&page=20")) }),
            ("lead page", { try pages.lead(String(format: "ring-%06d", random.int(in: 0...(leads - 1)))) }),
            ("merchant page", { try pages.merchant(String(format: "m%07d", random.int(in: 0...(leads * merchantsPerLead - 1)))) }),
        ]
        print("wall time (what a browser waits for) and this thread's CPU time (what rendering costs, whatever else runs on the machine)")
        print("page                                   p50 ms   p99 ms   max ms | CPU p50  CPU p99   bytes")
        var worst = 0.0, worstCPU = 0.0
        for (name, render) in checks {
            _ = try render()  // warm the page cache and statements
            var samples = LatencyQuantiles(), cpu = LatencyQuantiles()
            var bytes = 0
            for _ in 0..<iterations {
                let start = ContinuousClock.now, startCPU = Self.threadCPUMilliseconds()
                let html = try render()
                samples.record(milliseconds: (ContinuousClock.now - start).secondsDouble * 1000)
                cpu.record(milliseconds: Self.threadCPUMilliseconds() - startCPU)
                bytes = html?.markup.utf8.count ?? 0
            }
            func p(_ values: LatencyQuantiles, _ q: Double) -> Double { values.quantile(q) ?? 0 }
            worst = max(worst, p(samples, 0.99))
            worstCPU = max(worstCPU, p(cpu, 0.99))
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0)
                  + String(format: " %8.2f %8.2f %8.2f | %7.2f %8.2f %7d", p(samples, 0.5), p(samples, 0.99), samples.max ?? 0, p(cpu, 0.5), p(cpu, 0.99), bytes))
        }
        print(String(format: "slowest p99: wall %.2f ms, CPU %.2f ms: %@", worst, worstCPU, worst <= 50 ? "within the 50 ms budget" : "wall time OVER the 50 ms budget"))
        if worst > 50 { throw ExitCode(1) }
    }

    /// CPU time used by the calling thread so far, in milliseconds.
    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}
