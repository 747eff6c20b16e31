import Dispatch
import VigilKafka

/// A polled record, decoded, on its way to a lane (possibly through the aligner).
struct PendingRecord {
    var message: KafkaConsumerMessage
    var decoded: DecodedRecord
    var ingestNanos: UInt64
}

/// The result of decoding one polled record.
enum DecodedRecord {
    /// The source that reads the record's topic, and what its decoder made of it.
    case success((String, DecodedPayload))
    /// Why it could not be decoded (it goes to the dead-letter topic).
    case failure(String)
}

/// Decodes polled batches with the topology's source decoders, in parallel
/// (`concurrentPerform`) when a batch is large enough to be worth it.
struct BatchDecoder: Sendable {
    /// The topology whose sources decode.
    let topology: Topology
    /// Records per parallel chunk; batches of up to two chunks are decoded on the caller's thread.
    var chunkSize = 256

    /// Decodes a batch; the results are in the batch's order.
    func decode(_ batch: [KafkaConsumerMessage]) -> [DecodedRecord] {
        guard batch.count > chunkSize * 2 else { return batch.map(decodeOne) }
        var results = [DecodedRecord](repeating: .failure(""), count: batch.count)
        let chunks = (batch.count + chunkSize - 1) / chunkSize
        let chunkSize = self.chunkSize
        results.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize
                for index in start..<min(start + chunkSize, batch.count) {
                    output.buffer[index] = self.decodeOne(batch[index])
                }
            }
        }
        return results
    }

    /// Decodes one record with the decoder of the source reading its topic.
    func decodeOne(_ message: KafkaConsumerMessage) -> DecodedRecord {
        guard let source = topology.source(forTopic: message.topic) else {
            return .failure("no source of topology '\(topology.name)' reads topic '\(message.topic)'")
        }
        do {
            return .success((source.name, try source.decoder.decode(RawRecord(message))))
        } catch {
            return .failure(String(describing: error))
        }
    }
}

/// A buffer written at distinct indices by `concurrentPerform` iterations.
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
