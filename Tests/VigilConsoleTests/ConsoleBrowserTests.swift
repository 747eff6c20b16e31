import Foundation
import Synchronization
import Testing
import VigilConsole
import VigilKafka
import VigilPrimitives
import VigilRisk
import VigilTestSupport

/// `vigil demo --scenario small --keep-serving` run as its own process; its console loaded in
/// headless Chromium; assertions on the rendered DOM.
final class RunningDemo: @unchecked Sendable {
    let process = Process()
    let workDirectory = temporaryPath("demo")
    private let output = SharedText()

    /// The console's URL, e.g. `http://127.0.0.1:40123/console/`.
    private(set) var consoleURL = ""
    /// The embedded cluster's bootstrap address.
    private(set) var bootstrap = ""

    /// Starts the demo and waits until it serves the console after its summary.
    init() throws {
        process.executableURL = try vigilExecutable()
        process.currentDirectoryURL = repositoryRoot
        process.arguments = ["demo", "--scenario", "small", "--keep-serving", "--timeout", "600", "--work-directory", workDirectory]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.append(String(decoding: data, as: UTF8.self))
        }
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: .seconds(900))
        while ContinuousClock.now < deadline, process.isRunning {
            let text = output.value
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving the console at ") }) {
                // "serving the console at URL (embedded Kafka at HOST:PORT) until interrupted (Ctrl-C)"
                let words = line.split(separator: " ")
                consoleURL = String(words[4])
                bootstrap = String(words[8].dropLast())
                return
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        process.terminate()
        throw TestFailure("the demo did not start serving the console; output:\n\(output.value.suffix(3000))")
    }

    var text: String { output.value }

    /// Interrupts the demo (Ctrl-C) and returns its exit status.
    func stop() -> Int32 {
        process.interrupt()
        process.waitUntilExit()
        return process.terminationStatus
    }

    var kafka: KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrap, clientID: "console-browser-test", properties: EmbeddedKafkaCluster.consumerProperties)
    }
}

/// Text appended from one thread and read from another.
final class SharedText: Sendable {
    private let text = Mutex("")
    func append(_ more: String) { text.withLock { $0 += more } }
    var value: String { text.withLock { $0 } }
}

@Suite("Console in headless Chromium", .serialized)
struct ConsoleBrowserTests {
    static let evilTitle = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.title='pwned'\">"

    /// The values of attribute `name` in `dom`, in order.
    func attributeValues(_ name: String, in dom: String) -> [String] {
        dom.components(separatedBy: "\(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// Waits until `condition` holds (the console's recorder trails the demo's topics a little).
    func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw TestFailure("timed out waiting until \(what)")
    }

    @Test("a running demo's console: members, reasons, a review action reaching marketplace.labels, XSS shown as text, screenshots")
    func consoleOfRunningDemo() throws {
        let chromium = try Chromium()
        let demo = try RunningDemo()
        defer { #expect(demo.stop() == 0, "the demo ends cleanly on Ctrl-C") }
        #expect(demo.text.contains("investigators' console: \(demo.consoleURL)"), "the summary prints the console's URL")
        let store = try CaseStore(path: "\(demo.workDirectory)/cases.sqlite")
        let base = demo.consoleURL.hasSuffix("/") ? String(demo.consoleURL.dropLast()) : demo.consoleURL

        // The leads page: the open leads, highest score first.
        let leadsDOM = try chromium.dumpDOM(demo.consoleURL)
        let shownRings = attributeValues("data-ring", in: leadsDOM)
        let stored = try store.list()
        #expect(!stored.isEmpty, "the demo found leads")
        #expect(shownRings == Array(stored.prefix(50).map(\.ringID)), "the leads page lists the case store's open leads in rank order")
        let ring = try #require(shownRings.first)

        // A lead's page: its members.
        let leadURL = base + "/lead?" + FormFields.query(["id": ring])
        let leadDOM = try chromium.dumpDOM(leadURL)
        let members = try store.members(of: ring)
        #expect(attributeValues("data-merchant", in: leadDOM) .sorted() == members.sorted(), "the lead's page shows exactly its members")
        #expect(leadDOM.contains("<svg class=\"district-map\""), "the ship-from map is drawn")

        // A merchant's page: the reasons of its verdicts, newest first.
        let merchant = try #require(members.first)
        try eventually("the recorder kept \(merchant)'s verdicts") { try !store.verdicts(of: merchant).isEmpty }
        let merchantURL = base + "/merchant?" + FormFields.query(["id": merchant])
        let merchantDOM = try chromium.dumpDOM(merchantURL)
        let shownReasons = merchantDOM.components(separatedBy: "<code class=\"reason-code\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let newest = try #require(try store.verdicts(of: merchant).first)
        #expect(Array(shownReasons.prefix(newest.reasons.count)) == newest.reasons.map(\.code), "the newest verdict's reasons come first, in order")

        // XSS: a listing title with markup, produced to the demo's cluster, shows as text.
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: demo.bootstrap, clientID: "xss-test"))
        let listing: [String: Any] = [
            "event_id": "xss-1", "merchant_id": merchant, "ts": 1_764_000_000_000, "listing_id": "l-xss", "action": "create",
            "title": Self.evilTitle, "brand": NSNull(), "category": "watches", "price": 99.0, "currency": "CNY", "stock": 3,
            "image_text_prices": [Double](), "logos": [String](), "image_hashes": [String](),
            "seller": ["store_age_days": 3, "template": "basic", "verified_id": false, "device_id": "d-xss", "ip": "10.0.0.1", "wifi_bssid": NSNull()] as [String: Any],
        ]
        let value = [UInt8](try JSONSerialization.data(withJSONObject: listing))
        #expect(throws: Never.self) { _ = try ContractDecoder().decodeListing(value) }
        try producer.send(KafkaProducerMessage(topic: "marketplace.listings", key: merchant, value: value)) { _ in }
        try producer.flush(timeout: .seconds(10))
        producer.close()
        try eventually("the recorder kept the XSS listing") { try store.listings(of: merchant).contains { $0.listingID == "l-xss" } }
        let xssDOM = try chromium.dumpDOM(merchantURL)
        #expect(xssDOM.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;\"&gt;&lt;img src=x onerror=\"document.title='pwned'\"&gt;"),
                "the title is a text node")
        #expect(!xssDOM.contains("<script"), "no script element was created")
        #expect(!xssDOM.contains("<img"), "no img element was created")

        // In the live page: the title reads as text, nothing ran, and a review action works.
        let page = try DevToolsSession()
        try page.open(merchantURL)
        #expect(try page.evaluate("document.querySelectorAll('script, img').length") as? Int == 0)
        #expect(try page.evaluate("[...document.querySelectorAll('td.title')].some(td => td.textContent === \(JSONWriter.quoted(Self.evilTitle)))") as? Bool == true)
        #expect(try page.evaluate("document.title") as? String != "pwned")
        try page.evaluate("document.getElementById('confirm_counterfeit').click()")
        try page.wait("document.getElementById('notice') !== null")
        let notice = try #require(try page.evaluate("document.getElementById('notice').textContent") as? String)
        let labelID = try #require(notice.components(separatedBy: ": ").last)
        let messages = try readTopic("marketplace.labels", configuration: demo.kafka) { messages in
            messages.contains { String(decoding: $0.value ?? [], as: UTF8.self).contains(labelID) }
        }
        let written = try #require(messages.first { String(decoding: $0.value ?? [], as: UTF8.self).contains(labelID) }, "the label reached marketplace.labels")
        let label = try ContractDecoder().decodeLabel(try #require(written.value), key: written.key)
        #expect(label.merchantID == merchant && label.source == .manualReview && label.outcome == .counterfeit && label.labelID == labelID)
        #expect(try store.labels(of: merchant).contains { $0.labelID == labelID }, "and the case store recorded it")
        try page.open(merchantURL)
        #expect(try page.evaluate("[...document.querySelectorAll('#labels tr.label')].some(tr => tr.textContent.includes('manual_review') && tr.textContent.includes('counterfeit'))") as? Bool == true,
                "the merchant's page lists the new label")

        // Screenshots, kept as test artefacts.
        for (name, url) in [("leads.png", demo.consoleURL), ("lead.png", leadURL), ("merchant.png", merchantURL)] {
            let path = artifactDirectory.appendingPathComponent(name).path
            try chromium.screenshot(url, to: path)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            #expect(size > 10_000, "\(name) is a real picture (\(size) bytes)")
        }
    }
}
