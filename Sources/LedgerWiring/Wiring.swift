import ChannelLedger
import LiveTransport
import Logging
import SandboxTransport

/// The one place adapters are chosen: the stores and transports this build ships, for the CLI
/// and the benchmark alike.
public enum Wiring {
    /// The transports of this build: the sandbox, which reads its failure switch from the
    /// environment, and `live` (real HTTP on the process's shared client, requests logged at debug).
    public static func transports(
        environment: [String: String], logger: Logger = Logger(label: "channel-ledger.transport")
    ) -> TransportRegistry {
        TransportRegistry([
            SandboxTransport.fromEnvironment(environment).descriptor,
            LiveTransport.descriptor(logger: logger),
        ])
    }

    /// The stores of this build: SQLite files, and PostgreSQL databases by `postgres://` URL.
    public static func stores(logger: Logger) -> any StoreProvider {
        StoreRouter(logger: logger)
    }

    /// The application's configuration for one command.
    public static func configuration(environment: [String: String], logger: Logger, fixedKey: MasterKey? = nil)
        -> LedgerConfiguration
    {
        LedgerConfiguration(
            transports: transports(environment: environment, logger: logger), stores: stores(logger: logger),
            environment: environment, logger: logger, fixedKey: fixedKey)
    }
}
