/// Where a channel's calls go: its transport and Buy with Prime endpoint.
public struct ChannelDestination: Sendable, Equatable {
    /// The transport's name, e.g. `live`.
    public var transport: String
    /// The Buy with Prime API's base URL, or nil when the transport has none.
    public var endpoint: String?

    /// A destination.
    public init(transport: String, endpoint: String?) {
        self.transport = transport
        self.endpoint = endpoint
    }
}

extension ChannelState {
    /// Where the channel's calls go now.
    public var destination: ChannelDestination { ChannelDestination(transport: transport, endpoint: endpoint) }
}
