import Logging
import Synchronization

/// Collects every log line (message and metadata) of one test's logger.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// Everything logged so far, one string per line.
    var text: [String] { lines.withLock { $0 } }

    /// A logger at debug that writes here.
    func logger() -> Logger {
        var logger = Logger(label: "live-transport-tests") { _ in Handler(capture: self) }
        logger.logLevel = .debug
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(fields)")
        }
    }
}
