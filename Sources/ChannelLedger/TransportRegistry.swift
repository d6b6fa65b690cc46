import Transport

/// The transports the executable wired in, and those found outside it, by the name a channel records.
///
/// A built-in transport wins over a found one of the same name, which is kept aside as shadowed
/// so `transports list` can report the clash rather than hide it.
public struct TransportRegistry: Sendable {
    private let builtIn: [String: TransportDescriptor]
    private let found: [String: DiscoveredTransport]
    /// Found transports that bear a built-in transport's name: reported, never used.
    public let shadowed: [DiscoveredTransport]

    /// A registry of the built-in transports (names unique) and those found outside the build.
    public init(_ descriptors: [TransportDescriptor], discovered: [DiscoveredTransport] = []) {
        builtIn = Dictionary(uniqueKeysWithValues: descriptors.map { ($0.name, $0) })
        var found: [String: DiscoveredTransport] = [:]
        var shadowed: [DiscoveredTransport] = []
        for transport in discovered {
            if builtIn[transport.name] != nil {
                shadowed.append(transport)
            } else if found[transport.name] == nil {
                found[transport.name] = transport
            }
        }
        self.found = found
        self.shadowed = shadowed
    }

    /// The built-in transports, by name.
    public var builtInTransports: [TransportDescriptor] { builtIn.values.sorted { $0.name < $1.name } }

    /// The usable transports found outside the build, by name.
    public var discoveredTransports: [DiscoveredTransport] { found.values.sorted { $0.name < $1.name } }

    /// The transport of this name, or ``LedgerError/unknownTransport(_:known:)`` naming those there
    /// are; a found transport that cannot be described is ``LedgerError/transportUnusable(_:reason:)``.
    public func resolve(_ name: String) async throws -> TransportDescriptor {
        if let descriptor = builtIn[name] { return descriptor }
        guard let transport = found[name] else {
            throw LedgerError.unknownTransport(name, known: (Array(builtIn.keys) + Array(found.keys)).sorted())
        }
        do {
            return try await transport.load()
        } catch {
            throw LedgerError.transportUnusable(name, reason: String(describing: error))
        }
    }
}
