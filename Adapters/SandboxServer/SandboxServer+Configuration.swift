import Logging
import SandboxTransport

extension SandboxServer {
    /// Where the server listens and what it serves.
    public struct Configuration: Sendable {
        /// The address to listen on; loopback only (see ``SandboxServer/isLoopback(_:)``).
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// The accounts it accepts (default: the public demo accounts).
        public var accounts: SandboxAccounts
        /// How many orders each Buy with Prime account gets (``SandboxOrders``).
        public var ordersPerAccount: Int
        /// How many of each account's last orders the org does not have yet ("not created yet").
        public var ordersNotCreated: Int
        /// How long Buy with Prime tokens last (`expires_in`); 900 seconds, as the real ones.
        public var buyWithPrimeTokenLifetime: Duration
        /// Where the server logs (one line per call, never a secret or token).
        public var logger: Logger

        /// A configuration; by default a free loopback port, the demo accounts and a quiet logger.
        public init(
            host: String = "127.0.0.1", port: Int = 0, accounts: SandboxAccounts = .demo,
            ordersPerAccount: Int = SandboxOrders.defaultPerAccount, ordersNotCreated: Int = 2,
            buyWithPrimeTokenLifetime: Duration = .seconds(900), logger: Logger? = nil
        ) {
            self.host = host
            self.port = port
            self.accounts = accounts
            self.ordersPerAccount = ordersPerAccount
            self.ordersNotCreated = ordersNotCreated
            self.buyWithPrimeTokenLifetime = buyWithPrimeTokenLifetime
            self.logger =
                logger
                ?? {
                    var logger = Logger(label: "sandbox-server")
                    logger.logLevel = .warning
                    return logger
                }()
        }
    }
}
