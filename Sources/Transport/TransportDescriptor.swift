/// A named transport: a pair of ports a channel or the connected app records by name.
public struct TransportDescriptor: Sendable {
    /// The name recorded in events and given on the command line, e.g. `sandbox`.
    public let name: String
    /// One line for `transports list`.
    public let summary: String
    /// The Buy with Prime port.
    public let buyWithPrime: any BuyWithPrimeTransport
    /// The Salesforce port.
    public let salesforce: any SalesforceTransport
    /// The operations the ports carry out; the others throw `TransportError.unsupported`.
    public let capabilities: Set<TransportOperation>
    /// The Buy with Prime API a channel calls unless it names another, or nil when the transport
    /// calls none (the in-process sandbox).
    public let defaultBuyWithPrimeEndpoint: String?

    /// Creates a descriptor from two ports and the operations they support.
    public init(
        name: String, summary: String, buyWithPrime: any BuyWithPrimeTransport, salesforce: any SalesforceTransport,
        capabilities: Set<TransportOperation>, defaultBuyWithPrimeEndpoint: String? = nil
    ) {
        self.capabilities = capabilities
        self.defaultBuyWithPrimeEndpoint = defaultBuyWithPrimeEndpoint
        self.name = name
        self.summary = summary
        self.buyWithPrime = buyWithPrime
        self.salesforce = salesforce
    }
}
