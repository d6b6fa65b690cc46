import Transport

extension SandboxTransport {
    /// The name the sandbox is registered and recorded under.
    public static let name = "sandbox"

    /// The `sandbox` transport, available.
    public static let descriptor: TransportDescriptor = descriptor(unavailable: false)

    /// The `sandbox` transport; when `unavailable`, every call of both ports throws `.unavailable`.
    public static func descriptor(unavailable: Bool) -> TransportDescriptor {
        SandboxTransport(unavailable: unavailable).descriptor
    }

    /// This sandbox as the `sandbox` transport, serving both ports.
    public var descriptor: TransportDescriptor {
        TransportDescriptor(
            name: Self.name,
            summary: "In-process fake of Buy with Prime and Salesforce with public demo accounts (no network)",
            buyWithPrime: self,
            salesforce: self,
            capabilities: Set(TransportOperation.allCases)
        )
    }
}
