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

    /// Creates a descriptor from two ports.
    public init(
        name: String, summary: String, buyWithPrime: any BuyWithPrimeTransport, salesforce: any SalesforceTransport
    ) {
        self.name = name
        self.summary = summary
        self.buyWithPrime = buyWithPrime
        self.salesforce = salesforce
    }
}
