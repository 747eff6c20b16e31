import CRdKafka
import Logging
import Synchronization

/// State shared between a librdkafka handle and its C callbacks, reached through the handle's opaque pointer.
final class KafkaClientContext: @unchecked Sendable {
    let logger: Logger
    /// Set only by the consumer; invoked from librdkafka's rebalance callback on the polling thread.
    var rebalance: ((OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)?
    /// How often a fetch position fell out of the partition's log (its records were deleted by
    /// retention before they were read) and librdkafka reset it: each time, records were lost.
    let outOfRangeResets = Atomic<Int>(0)

    init(logger: Logger) {
        self.logger = logger
    }
}

/// Routes librdkafka's syslog-levelled log lines to swift-log.
private func kafkaLogCallback(_ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ buffer: UnsafePointer<CChar>?) {
    guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
    let context = Unmanaged<KafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    let swiftLevel: Logger.Level
    switch level {
    case 0...3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5, 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    let facilityText = facility.map { String(cString: $0) } ?? "-"
    let text = buffer.map { String(cString: $0) } ?? ""
    if facilityText == "OFFSET", text.contains("offset reset"), text.contains("Offset out of range") {
        // librdkafka reports a position deleted by retention only as this log line (with
        // auto.offset.reset = earliest/latest): count it and say plainly what it means.
        context.outOfRangeResets.add(1, ordering: .relaxed)
        context.logger.error("records lost: \(text) — the partition's retention deleted them before this consumer read them; keep consumers within retention (more partitions, faster processing, or longer retention)", metadata: ["rdkafka.facility": .string(facilityText)])
        return
    }
    context.logger.log(level: swiftLevel, "\(text)", metadata: ["rdkafka.facility": .string(facilityText)])
}

/// Routes librdkafka's global error callback (e.g. all brokers down) to swift-log.
private func kafkaErrorCallback(_ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let opaque else { return }
    let context = Unmanaged<KafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    let text = reason.map { String(cString: $0) } ?? ""
    let name = String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: err)))
    context.logger.warning("librdkafka: \(text)", metadata: ["rdkafka.error": .string(name)])
}

/// An owned librdkafka handle (`rd_kafka_t`) with logging wired up.
///
/// librdkafka handles are thread-safe, so the wrapper is `Sendable`.
final class KafkaClient: @unchecked Sendable {
    let handle: OpaquePointer
    let context: KafkaClientContext
    private let contextPointer: UnsafeMutableRawPointer
    private let destroyed = Atomic<Bool>(false)

    /// Creates a handle of the given type. Takes ownership of `conf` in all cases.
    init(type: rd_kafka_type_t, conf: OpaquePointer, logger: Logger, configure: (OpaquePointer) -> Void = { _ in }) throws {
        let context = KafkaClientContext(logger: logger)
        let pointer = Unmanaged.passRetained(context).toOpaque()
        rd_kafka_conf_set_opaque(conf, pointer)
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        configure(conf)
        var errstr = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            Unmanaged<KafkaClientContext>.fromOpaque(pointer).release()
            let reason = String(errorBuffer: errstr)
            throw KafkaError(.clientCreation, message: "librdkafka refused the configuration: \(reason)")
        }
        self.handle = handle
        self.context = context
        self.contextPointer = pointer
    }

    /// The client's name as librdkafka reports it (e.g. `vigil#producer-1`).
    var name: String { String(cString: rd_kafka_name(handle)) }

    /// Destroys the handle; safe to call more than once.
    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_destroy(handle)
        Unmanaged<KafkaClientContext>.fromOpaque(contextPointer).release()
    }

    deinit { destroy() }
}

extension String {
    /// Reads a NUL-terminated C buffer filled by librdkafka.
    init(errorBuffer: [CChar]) {
        self = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A thread-safe on/off flag shared with a background thread.
final class RunFlag: Sendable {
    private let value: Atomic<Bool>
    init(_ initial: Bool = true) { value = Atomic(initial) }
    var isSet: Bool { value.load(ordering: .acquiring) }
    /// Clears the flag; returns whether it was set before.
    func clear() -> Bool { value.exchange(false, ordering: .acquiringAndReleasing) }
}
