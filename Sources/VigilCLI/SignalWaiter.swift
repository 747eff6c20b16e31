import Dispatch
import Foundation

/// Blocks until SIGINT or SIGTERM arrives.
enum SignalWaiter {
    /// Waits for the first of SIGINT/SIGTERM and returns its number.
    static func waitForTermination() -> Int32 {
        let semaphore = DispatchSemaphore(value: 0)
        let received = LockedBox<Int32>(0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                received.value = signalNumber
                semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
        sources.forEach { $0.cancel() }
        return received.value
    }
}

/// A value behind a lock, for handing results across threads in the CLI.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
