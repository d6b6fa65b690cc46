import Hummingbird

extension SandboxServer {
    /// Every route, behind ``SandboxMiddleware``.
    func router() -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: SandboxMiddleware(state: state, logger: configuration.logger))
        // Buy with Prime
        router.post("/token") { try await self.buyWithPrimeToken($0, context: $1) }
        router.post("/graphql") { try await self.buyWithPrimeGraphQL($0, context: $1) }
        // Salesforce
        router.post("/services/oauth2/token") { try await self.salesforceToken($0, context: $1) }
        router.group("/services/data/:version")
            .get("query") { try await self.salesforceQuery($0, context: $1) }
            .post("sobjects/SalesChannel") { try await self.createSalesChannel($0, context: $1) }
            .patch("sobjects/SalesChannel/:id") { try await self.updateRecord("SalesChannel", $0, context: $1) }
            .patch("sobjects/Order/:id") { try await self.updateRecord("Order", $0, context: $1) }
            .post("composite") { try await self.composite($0, context: $1) }
        // The sandbox's own
        router.get("/_sandbox/requests") { try await self.listRequests($0, context: $1) }
        router.delete("/_sandbox/requests") { try await self.clearRequests($0, context: $1) }
        router.post("/_sandbox/faults") { try await self.planFault($0, context: $1) }
        router.delete("/_sandbox/faults") { try await self.clearFaults($0, context: $1) }
        router.post("/_sandbox/orders") { try await self.createOrder($0, context: $1) }
        return router
    }
}
