import ChannelLedger
import LiveTransport
import Logging
import ProcessPluginTransport
import SandboxTransport

/// The one place adapters are chosen: the stores and transports this build ships, for the CLI
/// and the benchmark alike.
public enum Wiring {
    /// The transports of this build: the sandbox, which reads its failure switch from the
    /// environment, and `live` (real HTTP on the process's shared client, requests logged at debug);
    /// then every plugin executable in the plugins folder and on `PATH`, started on first use.
    public static func transports(
        environment: [String: String], logger: Logger = Logger(label: "channel-ledger.transport")
    ) -> TransportRegistry {
        let plugins = PluginDiscovery.find(
            pluginsFolder: LedgerPaths(environment: environment).pluginsFolder, path: environment["PATH"]
        ).map { found in
            let plugin = ProcessPlugin(name: found.name, path: found.path, environment: environment, logger: logger)
            return DiscoveredTransport(name: found.name, location: found.path, load: plugin.descriptor)
        }
        return TransportRegistry(
            [SandboxTransport.fromEnvironment(environment).descriptor, LiveTransport.descriptor(logger: logger)],
            discovered: plugins)
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
