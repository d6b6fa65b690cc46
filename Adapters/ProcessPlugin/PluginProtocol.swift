/// The process transport protocol's constants (Docs/transport-protocol.md).
public enum PluginProtocol {
    /// The protocol versions this build speaks, newest last.
    public static let versions = [1]
    /// The prefix of a plugin executable's name: `channel-ledger-transport-NAME` is the transport `NAME`.
    public static let executablePrefix = "channel-ledger-transport-"
    /// How long the ledger waits for a plugin: the handshake's limit, and how long past a call's
    /// own budget it waits before it gives up on the plugin.
    public struct Patience: Sendable {
        /// How long a plugin has to answer the handshake.
        public var handshake: Duration
        /// How long past a call's own budget the ledger waits for its answer.
        public var grace: Duration

        /// The protocol's: 10 seconds for the handshake, 5 seconds of grace.
        public static let standard = Patience(handshake: .seconds(10), grace: .seconds(5))

        /// Limits of one's own (tests wait less).
        public init(handshake: Duration, grace: Duration) {
            self.handshake = handshake
            self.grace = grace
        }
    }
    /// The longest line the ledger reads from a plugin.
    public static let maximumLineLength = 4 << 20
    /// The method name of the handshake.
    static let handshakeMethod = "handshake"

    /// The environment a plugin gets: the ledger's, without the ledger's own settings
    /// (`CHANNEL_LEDGER_*`: the master key, the store's URL) and the PostgreSQL password. A plugin
    /// receives the secrets a call needs in that call's request, and no others.
    public static func environment(from ledger: [String: String]) -> [String: String] {
        ledger.filter { !$0.key.hasPrefix("CHANNEL_LEDGER_") && $0.key != "PGPASSWORD" }
    }
}
