import Transport

/// A transport found outside the build (an external process, for one), described only once it is
/// first used: describing it may start it.
public struct DiscoveredTransport: Sendable {
    /// The name a channel records and the command line gives.
    public var name: String
    /// Where it was found (an executable's path).
    public var location: String
    /// Starts it if needed and describes it; throws when it cannot be used.
    public var load: @Sendable () async throws -> TransportDescriptor

    /// A transport found at `location`, described by `load`.
    public init(name: String, location: String, load: @escaping @Sendable () async throws -> TransportDescriptor) {
        self.name = name
        self.location = location
        self.load = load
    }
}
