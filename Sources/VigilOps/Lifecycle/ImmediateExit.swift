import Dispatch
import Foundation
import Synchronization

/// Exits the process at once on the next SIGINT or SIGTERM, for a second signal while a graceful
/// shutdown is already under way.
enum ImmediateExit {
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Installs the handlers (once; later calls do nothing).
    static func armForNextSignal(status: Int32 = 130) {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    FileHandle.standardError.write(Data("vigil: second signal, exiting at once\n".utf8))
                    exit(status)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
