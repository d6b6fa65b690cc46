import EventSourcing
import Foundation
import Logging

/// What the application is wired with: the transports, the environment, the logger and,
/// for throwaway stores, a master key held only in memory.
///
/// The executable builds it: the application never picks a transport itself.
public struct LedgerConfiguration: Sendable {
    /// The transports channels and the connected app can name.
    public var transports: TransportRegistry
    /// Opens stores by location: the executable wires SQLite and PostgreSQL, tests what they need.
    public var stores: any StoreProvider
    /// The process environment (master key, XDG folders).
    public var environment: [String: String]
    /// Where the application logs.
    public var logger: Logger
    /// A key given directly (the demo's ephemeral key); otherwise loaded by ``LedgerService/vault()``.
    public var fixedKey: MasterKey?
    /// Whether opening a store first rebuilds projections built by another version (`projections
    /// status` opens without, to show them as they are).
    public var rebuildsStaleProjections = true
    /// Told how those rebuilds progress (the CLI draws a progress bar on stderr).
    public var rebuildProgress: @Sendable (ProjectionRebuild.Progress) -> Void = { _ in }

    /// A configuration; the logger defaults to warnings and above.
    public init(
        transports: TransportRegistry, stores: any StoreProvider,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger? = nil,
        fixedKey: MasterKey? = nil
    ) {
        self.transports = transports
        self.stores = stores
        self.environment = environment
        self.logger =
            logger
            ?? {
                var logger = Logger(label: "channel-ledger")
                logger.logLevel = .warning
                return logger
            }()
        self.fixedKey = fixedKey
    }
}
