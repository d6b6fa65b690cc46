import Logging

/// swift-log to stderr; each logger sets its own level from `--log-level`.
enum LogSetup {
    /// Called once, as each process runs exactly one command.
    static func bootstrap() {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }
}
