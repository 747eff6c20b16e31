import Foundation
import Testing

@Suite("vigil demo", .serialized)
struct DemoCommandTests {
    @Test("the demo runs the small scenario end to end and meets the detection floors")
    func smallScenario() throws {
        let process = Process()
        process.executableURL = try vigilExecutable()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        process.currentDirectoryURL = root
        process.arguments = ["demo", "--scenario", "small", "--json", "--work-directory", temporaryPath("demo")]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains("Vigil demo summary"))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("DEMO_SUMMARY ") }, "no summary line in:\n\(text.suffix(2000))")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst("DEMO_SUMMARY ".count).utf8)) as? [String: Any])
        let precision = try #require(summary["merchant_precision"] as? Double)
        let recall = try #require(summary["merchant_recall"] as? Double)
        let falseIntercepts = try #require(summary["honest_false_intercept_rate"] as? Double)
        #expect(precision >= 0.95, "merchant precision \(precision)")
        #expect(recall >= 0.90, "merchant recall \(recall)")
        #expect(falseIntercepts <= 0.005, "honest false-intercept rate \(falseIntercepts)")
        #expect((summary["leads"] as? Int ?? 0) > 0, "rings became leads")
        let coverage = try #require(summary["ring_member_coverage"] as? Double)
        #expect(coverage >= 0.95, "ring members in a lead with another member of their true ring: \(coverage)")
        let honestShare = try #require(summary["worst_lead_honest_share"] as? Double)
        #expect(honestShare <= 0.5, "no lead is mostly honest merchants: \(honestShare)")
        #expect((summary["intercepts_applied"] as? Int ?? 0) > 0, "the takedown consumer applied intercepts")
        #expect((summary["events"] as? Int ?? 0) > 10_000)
    }
}
