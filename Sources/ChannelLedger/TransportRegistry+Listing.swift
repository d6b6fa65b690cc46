import Transport

extension TransportRegistry {
    /// Every transport, built-in ones first, then those found, each described; describing a process
    /// transport starts it and runs its handshake.
    public func listing() async -> [TransportListing] {
        var listing = builtInTransports.map {
            TransportListing(name: $0.name, kind: .builtIn, location: nil, status: .ready($0))
        }
        for transport in discoveredTransports {
            let status: TransportListing.Status
            do {
                status = .ready(try await transport.load())
            } catch {
                status = .failed(String(describing: error))
            }
            listing.append(
                TransportListing(name: transport.name, kind: .process, location: transport.location, status: status))
        }
        listing += shadowed.map {
            TransportListing(name: $0.name, kind: .process, location: $0.location, status: .shadowed)
        }
        return listing
    }
}
