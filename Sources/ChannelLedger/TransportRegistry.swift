import Transport

/// The transports the executable wired in, by the name a channel records.
public struct TransportRegistry: Sendable {
    private let transports: [String: TransportDescriptor]

    /// A registry of the given transports; their names must be unique.
    public init(_ descriptors: [TransportDescriptor]) {
        transports = Dictionary(uniqueKeysWithValues: descriptors.map { ($0.name, $0) })
    }

    /// Every transport, by name.
    public var all: [TransportDescriptor] { transports.values.sorted { $0.name < $1.name } }

    /// The transport of this name, or ``LedgerError/unknownTransport(_:known:)`` naming those there are.
    public func resolve(_ name: String) throws -> TransportDescriptor {
        guard let descriptor = transports[name] else {
            throw LedgerError.unknownTransport(name, known: transports.keys.sorted())
        }
        return descriptor
    }
}
