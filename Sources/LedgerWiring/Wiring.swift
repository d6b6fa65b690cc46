import ChannelLedger
import Logging
import SandboxTransport

/// The one place adapters are chosen: the stores and transports this build ships, for the CLI
/// and the benchmark alike.
public enum Wiring {
    /// The transports of this build; the sandbox reads its failure switch from the environment.
    public static func transports(environment: [String: String]) -> TransportRegistry {
        TransportRegistry([SandboxTransport.fromEnvironment(environment).descriptor])
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
            transports: transports(environment: environment), stores: stores(logger: logger),
            environment: environment, logger: logger, fixedKey: fixedKey)
    }
}
