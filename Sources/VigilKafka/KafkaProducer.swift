import CRdKafka
import Foundation
import Logging
import Synchronization
import VigilPrimitives

/// Receives the outcome of one record sent with ``KafkaProducer/send(_:handler:)``.
///
/// Subclass it to carry what the outcome needs (the input offset it acknowledges, say): the
/// producer holds the handler itself until librdkafka reports, so a record costs one
/// allocation, not a closure and a box. Use one handler per record: the producer sets its
/// ``topic`` when it enqueues the record. Subclasses must be safe to use from the producer's
/// poller thread (immutable stored properties, or their own synchronisation).
open class KafkaDeliveryHandler: @unchecked Sendable {
    /// The topic the record was sent to; set by the producer when it enqueues the record.
    public fileprivate(set) var topic = ""

    /// Creates a handler.
    public init() {}

    /// Called exactly once, on the producer's poller thread, with the broker's verdict. Keep it short.
    open func didDeliver(_ report: KafkaDeliveryReport) {}
}

/// A handler that calls a closure (``KafkaProducer/send(_:onDelivery:)``).
private final class ClosureDeliveryHandler: KafkaDeliveryHandler, @unchecked Sendable {
    let callback: @Sendable (KafkaDeliveryReport) -> Void
    init(_ callback: @escaping @Sendable (KafkaDeliveryReport) -> Void) { self.callback = callback }
    override func didDeliver(_ report: KafkaDeliveryReport) { callback(report) }
}

/// librdkafka's delivery-report callback: runs on the producer's poller thread, once per message.
private func deliveryReportCallback(_ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let message, let privatePointer = message.pointee._private else { return }
    let handler = Unmanaged<KafkaDeliveryHandler>.fromOpaque(privatePointer).takeRetainedValue()
    let topic = handler.topic
    let err = message.pointee.err
    let report = KafkaDeliveryReport(
        topic: topic,
        partition: message.pointee.partition,
        offset: message.pointee.offset,
        error: err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(.produce, error: err, context: "delivery to \(topic)[\(message.pointee.partition)] failed")
    )
    handler.didDeliver(report)
}

/// A Kafka producer: keyed records with headers, idempotent by default, with a
/// delivery report for every record so callers know exactly what reached the broker.
///
/// Delivery callbacks run on the producer's own poller thread (never on Swift
/// concurrency's cooperative pool); keep them short. ``send(_:onDelivery:)`` only blocks
/// when librdkafka's local queue is full (`queue.buffering.max.messages`), which is the
/// producer's backpressure; the `async` variant waits without blocking a thread.
///
/// Defaults (each overridable through ``KafkaConfiguration/properties``):
/// - `enable.idempotence=true`: no duplicates or reordering from retries; implies `acks=all`.
/// - `partitioner=murmur2_random`: the same partition for a key as Java clients, so topics
///   written by other producers stay co-partitioned with Vigil's.
/// - `linger.ms=5`, `batch.num.messages=10000`.
public final class KafkaProducer: Sendable {
    /// Producer defaults applied unless the configuration sets the property.
    public static let defaultProperties: [String: String] = [
        "enable.idempotence": "true",
        "partitioner": "murmur2_random",
        "linger.ms": "5",
        "batch.num.messages": "10000",
        "queue.buffering.max.messages": "500000",
    ]

    let client: KafkaClient
    private let logger: Logger
    private let running = RunFlag()
    private let pollerDone = DispatchSemaphore(value: 0)
    /// How long ``send(_:onDelivery:)`` waits for room in a full local queue before failing.
    public let enqueueTimeout: Duration

    /// Creates a producer, validating the configuration now.
    /// - Parameters:
    ///   - configuration: Brokers and librdkafka properties.
    ///   - enqueueTimeout: How long a send waits for room in a full local queue. Default 30 s.
    ///   - logger: Receives librdkafka's log lines.
    public init(configuration: KafkaConfiguration, enqueueTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "vigil.kafka.producer")) throws {
        let conf = try configuration.makeNativeConfiguration(defaults: Self.defaultProperties)
        self.client = try KafkaClient(type: RD_KAFKA_PRODUCER, conf: conf, logger: logger) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        }
        self.logger = logger
        self.enqueueTimeout = enqueueTimeout
        let client = self.client
        let running = self.running
        let done = self.pollerDone
        let thread = Thread {
            while running.isSet {
                rd_kafka_poll(client.handle, 50)
            }
            done.signal()
        }
        thread.name = "vigil-producer-poller"
        thread.start()
        logger.debug("producer \(client.name) started", metadata: ["config": "\(configuration)"])
    }

    /// Sends one record; `onDelivery` is called exactly once with the broker's verdict.
    ///
    /// Throws at once when the record cannot be enqueued (unknown topic, record too large,
    /// local queue still full after ``enqueueTimeout``); then `onDelivery` is never called.
    public func send(_ message: KafkaProducerMessage, onDelivery: @escaping @Sendable (KafkaDeliveryReport) -> Void) throws {
        try send(message, handler: ClosureDeliveryHandler(onDelivery))
    }

    /// Sends one record; `handler` is told exactly once of the broker's verdict.
    ///
    /// Throws at once when the record cannot be enqueued (unknown topic, record too large,
    /// local queue still full after ``enqueueTimeout``); then `handler` is never called.
    public func send(_ message: KafkaProducerMessage, handler: KafkaDeliveryHandler) throws {
        let deadline = ContinuousClock.now.advanced(by: enqueueTimeout)
        while true {
            let err = enqueue(message, handler: handler)
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL, ContinuousClock.now < deadline {
                usleep(1000)
                continue
            }
            throw KafkaError(.produce, error: err, context: "could not enqueue a record for \(message.topic)")
        }
    }

    /// Sends one record and waits (without blocking a thread) until the broker acknowledges it.
    /// - Returns: where the record was written.
    /// - Throws: ``KafkaError`` if it could not be enqueued or was not delivered.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        let deadline = ContinuousClock.now.advanced(by: enqueueTimeout)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<KafkaDeliveryReport, Error>) in
            Task {
                while true {
                    let err = self.enqueue(message, handler: ClosureDeliveryHandler { report in
                        if let error = report.error { continuation.resume(throwing: error) } else { continuation.resume(returning: report) }
                    })
                    if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
                    if err == RD_KAFKA_RESP_ERR__QUEUE_FULL, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(1))
                        continue
                    }
                    continuation.resume(throwing: KafkaError(.produce, error: err, context: "could not enqueue a record for \(message.topic)"))
                    return
                }
            }
        }
    }

    /// Records handed to librdkafka but not yet acknowledged or failed.
    public var outstandingCount: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// Waits until every outstanding record has a delivery report.
    /// Blocks the calling thread: call it from a dedicated thread or Dispatch queue.
    /// - Throws: a timeout error naming how many records are still outstanding.
    public func flush(timeout: Duration = .seconds(30)) throws {
        let err = rd_kafka_flush(client.handle, Int32(timeout.milliseconds))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(.timeout, code: err.rawValue, message: "flush timed out after \(timeout) with \(outstandingCount) records still outstanding; check that the brokers are reachable")
        }
    }

    /// Flushes outstanding records, stops the poller thread and destroys the handle.
    /// Records still unacknowledged after `timeout` get a failed delivery report.
    public func close(timeout: Duration = .seconds(30)) {
        guard running.clear() else { return }
        do { try flush(timeout: timeout) } catch { logger.warning("\(error)") }
        pollerDone.wait()
        client.destroy()
    }

    deinit { close(timeout: .seconds(5)) }

    private func enqueue(_ message: KafkaProducerMessage, handler: KafkaDeliveryHandler) -> rd_kafka_resp_err_t {
        handler.topic = message.topic
        let box = Unmanaged.passRetained(handler).toOpaque()
        var headers: OpaquePointer?
        if !message.headers.isEmpty {
            headers = rd_kafka_headers_new(message.headers.count)
            for header in message.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                    }
                } else {
                    _ = rd_kafka_header_add(headers, header.key, -1, nil, 0)
                }
            }
        }
        let err: rd_kafka_resp_err_t = message.topic.withCString { topic in
            withOptionalBytes(message.key) { keyPointer, keyCount in
                withOptionalBytes(message.value) { valuePointer, valueCount in
                    // On the stack: this runs once per record.
                    withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 7) { vus in
                        vus.initialize(repeating: rd_kafka_vu_t())
                        vus[0].vtype = RD_KAFKA_VTYPE_TOPIC
                        vus[0].u.cstr = topic
                        vus[1].vtype = RD_KAFKA_VTYPE_PARTITION
                        vus[1].u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA
                        vus[2].vtype = RD_KAFKA_VTYPE_KEY
                        vus[2].u.mem.ptr = keyPointer
                        vus[2].u.mem.size = keyCount
                        vus[3].vtype = RD_KAFKA_VTYPE_VALUE
                        vus[3].u.mem.ptr = valuePointer
                        vus[3].u.mem.size = valueCount
                        vus[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                        vus[4].u.i = RD_KAFKA_MSG_F_COPY
                        vus[5].vtype = RD_KAFKA_VTYPE_OPAQUE
                        vus[5].u.ptr = box
                        var count = 6
                        if let headers {
                            vus[6].vtype = RD_KAFKA_VTYPE_HEADERS
                            vus[6].u.headers = headers
                            count = 7
                        }
                        guard let error = rd_kafka_produceva(client.handle, vus.baseAddress, count) else { return RD_KAFKA_RESP_ERR_NO_ERROR }
                        let code = rd_kafka_error_code(error)
                        rd_kafka_error_destroy(error)
                        return code
                    }
                }
            }
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            Unmanaged<KafkaDeliveryHandler>.fromOpaque(box).release()
            if let headers { rd_kafka_headers_destroy(headers) }
        }
        return err
    }
}

/// Calls `body` with a pointer and length for optional bytes (NULL, 0 for `nil`).
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeMutableRawPointer?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    return bytes.withUnsafeBytes { buffer in
        body(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
    }
}

extension Duration {
    /// The duration in whole milliseconds (rounded down, at least 0), as librdkafka timeouts take it.
    var milliseconds: Int64 { max(0, wholeMilliseconds) }
}
