import Foundation
import HTTPTypes
import Hummingbird
import Transport

extension SandboxServer {
    /// The `x-api-version` values the GraphQL API accepts.
    static let buyWithPrimeAPIVersions: Set<String> = ["2024-01-01", "2024-04-01", "2024-11-01"]

    /// `POST /token`: the client-credentials exchange. Wrong credentials get 401 `invalid_client`,
    /// as the in-process sandbox's rejection.
    func buyWithPrimeToken(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let form = FormBody(try await request.bodyData(context: context))
        guard form["grant_type"] == "client_credentials" else {
            return .json(.badRequest, WireError.oauth("unsupported_grant_type", "Only client_credentials is supported"))
        }
        let clientId = form["client_id"] ?? ""
        let account = configuration.accounts.buyWithPrime.first { $0.clientId == clientId }
        // Compare against a stand-in when the client id is unknown, so both paths take the same time.
        let secretMatches =
            Secret(form["client_secret"] ?? "") == Secret(account?.clientSecret ?? "sandbox-unknown-client")
        guard let account, secretMatches else {
            return .json(.unauthorized, WireError.oauth("invalid_client", "Client authentication failed"))
        }
        let (token, expiresIn) = await state.issueBuyWithPrimeToken(clientId: account.clientId)
        return .json(
            .ok, ["access_token": .string(token), "token_type": "Bearer", "expires_in": .int(expiresIn)],
            headers: [.cacheControl: "no-store"])
    }

    /// `POST /graphql`: `query { __typename }` and the `order` query, recognized by their text (no
    /// GraphQL parser). An unknown or expired token gets 401; a target the token's client does not own
    /// gets `AccessDeniedError`; an unknown order `ResourceNotFoundError`.
    func buyWithPrimeGraphQL(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        guard let token = request.bearerToken, let account = await state.buyWithPrimeAccount(token: token) else {
            return .json(.unauthorized, ["message": "Unauthorized"])
        }
        guard let targetID = request.headers[.apiTargetID], !targetID.isEmpty else {
            return .json(.ok, WireError.graphQL("ValidationError", "The x-api-target-id header is missing"))
        }
        guard let version = request.headers[.apiVersion], Self.buyWithPrimeAPIVersions.contains(version) else {
            return .json(
                .ok,
                WireError.graphQL(
                    "ValidationError", "The x-api-version header must be one of 2024-01-01, 2024-04-01, 2024-11-01",
                    code: "UnsupportedApiVersion"))
        }
        guard targetID == account.targetId else {
            return .json(
                .ok,
                WireError.graphQL("AccessDeniedError", "You don't have sufficient access to target ID '\(targetID)'."))
        }
        guard let body = JSONValue.parse(try await request.bodyData(context: context)),
            let query = body["query"]?.string
        else {
            return .json(.badRequest, WireError.graphQL("ValidationError", "The body must be JSON with a query"))
        }
        let compact = query.filter { !$0.isWhitespace }
        if compact.contains("order(") {
            return order(body["variables"], targetID: targetID)
        }
        if compact.contains("__typename") {
            return .json(.ok, ["data": ["__typename": "Query"]])
        }
        return .json(
            .ok, WireError.graphQL("ValidationError", "The sandbox answers the order query and { __typename } only"))
    }

    /// The answer to the `order` query for the variables' `orderIdentifier`.
    private func order(_ variables: JSONValue?, targetID: String) -> Response {
        guard let lookup = Self.orderLookup(variables) else {
            return .json(
                .ok,
                WireError.graphQL(
                    "ValidationError",
                    "orderIdentifier needs an orderId or an alias {aliasType, aliasId} in the variables"))
        }
        let orders = state.orders[targetID] ?? []
        let found: BuyWithPrimeOrder?
        let named: String
        switch lookup {
        case .id(let id):
            found = orders.first { $0.id == id }
            named = "id '\(id)'"
        case .alias(let alias):
            found = orders.first { $0.aliases.contains(alias) }
            named = "alias \(alias.aliasType) '\(alias.aliasId)'"
        }
        guard let found else {
            return .json(.ok, WireError.graphQL("ResourceNotFoundError", "No order with \(named) was found."))
        }
        return .json(.ok, ["data": ["order": found.wire]])
    }

    /// The `orderIdentifier` variable (or the first variable shaped like one): `{orderId}` or
    /// `{alias: {aliasType, aliasId}}`.
    static func orderLookup(_ variables: JSONValue?) -> OrderLookup? {
        guard let members = variables?.object else { return nil }
        let candidates =
            [members["orderIdentifier"]].compactMap { $0 } + members.sorted { $0.key < $1.key }.map(\.value)
        for candidate in candidates {
            if let id = candidate["orderId"]?.string { return .id(id) }
            if let alias = candidate["alias"], let type = alias["aliasType"]?.string, let id = alias["aliasId"]?.string
            {
                return .alias(OrderAlias(aliasType: type, aliasId: id))
            }
        }
        return nil
    }
}

extension BuyWithPrimeOrder {
    /// The order as the GraphQL query selects it (Docs/transports.md): quantities in
    /// `amount.value`, SKUs and prices nested under `product`.
    var wire: JSONValue {
        let customer: JSONValue =
            self.customer.map { customer in
                [
                    "bwpCustomerId": customer.bwpCustomerId.map(JSONValue.string) ?? nil,
                    "contact": [
                        "name": customer.name.map(JSONValue.string) ?? nil,
                        "email": customer.email.map(JSONValue.string) ?? nil,
                    ],
                ]
            } ?? nil
        return [
            "id": .string(id),
            "aliases": .array(aliases.map { ["aliasType": .string($0.aliasType), "aliasId": .string($0.aliasId)] }),
            "customer": customer,
            "lineItems": .array(
                lineItems.map { line in
                    [
                        "id": .string(line.id),
                        "amount": ["unit": "ONE", "value": line.quantity.map(JSONValue.int) ?? nil],
                        "product": [
                            "amazonSku": ["value": line.amazonSku.map(JSONValue.string) ?? nil],
                            "externalId": ["value": line.externalId.map(JSONValue.string) ?? nil],
                            "price": line.price.map {
                                ["amount": .string($0.amount), "currencyCode": .string($0.currencyCode)]
                            } ?? nil,
                        ],
                    ]
                }),
        ]
    }
}
