import BuyWithPrimeLive
import LiveHTTP
import Logging
import SalesforceLive
import Transport

/// The `live` transport: Buy with Prime's GraphQL API and the org's REST API over real HTTP.
public enum LiveTransport {
    /// The name the live transport is registered and recorded under.
    public static let name = "live"

    /// Every operation of both ports.
    public static let capabilities = Set(TransportOperation.allCases)

    /// The `live` transport over `http` (the process's shared AsyncHTTPClient unless given), with
    /// `retryPolicy` and request logs at debug on `logger`.
    ///
    /// Where the calls go is part of each call, not of the transport: a channel's recorded Buy
    /// with Prime endpoint (`https://api.buywithprime.amazon.com` by default) and the connected
    /// app's My Domain; tests pass a loopback base URL there.
    public static func descriptor(
        http: any HTTPTransport = HTTPClientTransport.shared, retryPolicy: RetryPolicy = .standard,
        clock: RetryClock = .continuous, logger: Logger
    ) -> TransportDescriptor {
        let pipeline = HTTPPipeline.standard(transport: http, retryPolicy: retryPolicy, clock: clock, logger: logger)
        let salesforce = HTTPPipeline.standard(
            transport: http, retryPolicy: retryPolicy, clock: clock, logger: logger,
            extra: [SalesforceLimitLogging(logger: logger)])
        return TransportDescriptor(
            name: name,
            summary: "Buy with Prime's GraphQL API and the Salesforce org's REST API over HTTPS",
            buyWithPrime: BuyWithPrimeHTTPTransport(pipeline: pipeline),
            salesforce: SalesforceHTTPTransport(pipeline: salesforce),
            capabilities: capabilities)
    }
}
