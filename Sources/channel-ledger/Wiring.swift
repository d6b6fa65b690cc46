import ChannelLedger
import Logging
import SandboxTransport

/// The one place the executable chooses adapters: the transports this build ships.
enum Wiring {
    /// The transports of this build; the sandbox reads its failure switch from the environment.
    static func transports(environment: [String: String]) -> TransportRegistry {
        TransportRegistry([SandboxTransport.fromEnvironment(environment).descriptor])
    }

    /// The application's configuration for one command.
    static func configuration(environment: [String: String], logger: Logger, fixedKey: MasterKey? = nil)
        -> LedgerConfiguration
    {
        LedgerConfiguration(
            transports: transports(environment: environment), stores: RoutingStoreProvider(logger: logger),
            environment: environment, logger: logger, fixedKey: fixedKey)
    }
}
