import Transport

/// A plugin's answer to the handshake: the protocol it speaks, who it is and what it can do.
public struct PluginHandshake: Sendable, Equatable, Decodable {
    /// The protocol version it speaks.
    public var `protocol`: Int
    /// The plugin's own name.
    public var name: String
    /// The plugin's own version.
    public var version: String
    /// One line for `transports list`.
    public var summary: String?
    /// The operation names it supports, as the protocol spells them.
    public var operations: [String]
    /// The Buy with Prime API a channel calls unless it names another, or nil.
    public var defaultBuyWithPrimeEndpoint: String?

    /// The operations this build knows among those the plugin claims; unknown names are ignored.
    public var capabilities: Set<TransportOperation> { Set(operations.compactMap(TransportOperation.init(rawValue:))) }
}
