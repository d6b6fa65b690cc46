import Foundation
import LiveHTTP
import SandboxServer
import Testing
import Transport

/// The live Salesforce adapter over real HTTP against a sandbox server on loopback (``TestServer``).
@Suite("Live Salesforce over HTTP", .timeLimit(.minutes(1)))
struct LiveSalesforceTests {
    let app = TestServer.accounts.salesforce
    let query = "/services/data/v62.0/query"

    @Test func authorizeReturnsTheInstanceURL() async throws {
        try await TestServer.run { server in
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let authorization = try await server.live().salesforce.authorize(server.org())
            #expect(authorization.instanceURL == server.baseURL)
            let issuedAt = try #require(Int64(authorization.issuedAt), "\(authorization.issuedAt)")
            #expect(issuedAt >= before - 1000 && issuedAt <= Int64(Date().timeIntervalSince1970 * 1000) + 1000)
            let requests = await server.requests()
            #expect(requests.map(\.path) == ["/services/oauth2/token"])
            #expect(requests.map(\.clientId) == [app.consumerKey])
            #expect(requests.map(\.secretFingerprint) == [RequestLog.fingerprint(app.consumerSecret)])
        }
    }

    @Test func aRefusedSecretIsARejection() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live().salesforce.authorize(server.org(secret: "not-the-consumer-secret"))
            }
            #expect(
                error
                    == .rejected(
                        service: .salesforce, code: "invalid_client",
                        message: "invalid client credentials (salesforce.token: HTTP 400)"))
        }
    }

    @Test func tokensAreReusedAcrossCalls() async throws {
        try await TestServer.run { server in
            let live = server.live()
            for _ in 0..<3 {
                let found = try await live.salesforce.findSalesChannel(
                    externalChannelNumber: TestServer.store.targetId, in: server.org())
                #expect(found == nil)
            }
            #expect(await server.count("POST", "/services/oauth2/token") == 1)
            let calls = await server.requests("GET", query)
            #expect(calls.count == 3)
            #expect(Set(calls.map(\.tokenFingerprint)).count == 1)
        }
    }

    @Test func anExpiredSessionAuthenticatesOnceMoreAndRepeatsTheCallOnce() async throws {
        try await TestServer.run { server in
            let live = server.live()
            let target = TestServer.store.targetId
            _ = try await live.salesforce.findSalesChannel(externalChannelNumber: target, in: server.org())
            try await server.fault(.unauthorized, on: "GET \(query)")
            #expect(try await live.salesforce.findSalesChannel(externalChannelNumber: target, in: server.org()) == nil)
            #expect(await server.count("POST", "/services/oauth2/token") == 2)
            let calls = await server.requests("GET", query)
            #expect(calls.map(\.status) == [200, 401, 200])
            guard calls.count == 3 else { return }
            #expect(calls[1].tokenFingerprint == calls[0].tokenFingerprint, "the refused call used the old token")
            #expect(calls[2].tokenFingerprint != calls[1].tokenFingerprint, "the repeated call used the new one")
        }
    }

    @Test func aSecond401IsARejectionWithoutAThirdTry() async throws {
        try await TestServer.run { server in
            let live = server.live()
            try await server.fault(.unauthorized, on: "GET \(query)", count: 5)
            let error = await failure {
                try await live.salesforce.findSalesChannel(externalChannelNumber: "T", in: server.org())
            }
            #expect(
                error
                    == .rejected(
                        service: .salesforce, code: "INVALID_SESSION_ID",
                        message: "Session expired or invalid (salesforce.find-sales-channel: HTTP 401)"))
            #expect(await server.count("POST", "/services/oauth2/token") == 2)
            #expect(await server.count("GET", query) == 2)
        }
    }

    @Test func aSalesChannelIsFoundCreatedAndUpdated() async throws {
        try await TestServer.run { server in
            let salesforce = server.live().salesforce
            let org = server.org()
            let target = TestServer.store.targetId
            #expect(try await salesforce.findSalesChannel(externalChannelNumber: target, in: org) == nil)

            let fields = SalesChannelFields(salesChannelName: "Test Store", externalChannelNumber: target)
            let id = try await salesforce.createSalesChannel(fields, in: org)
            #expect(id.hasPrefix("0bI") && id.count == 18, "\(id)")
            #expect(
                try await salesforce.findSalesChannel(externalChannelNumber: target, in: org)
                    == SalesChannelRecord(id: id, fields: fields))
            #expect(
                try await salesforce.findSalesChannel(externalChannelNumber: TestServer.other.targetId, in: org) == nil)

            let renamed = SalesChannelFields(salesChannelName: "Test Store (EU)", externalChannelNumber: target)
            try await salesforce.updateSalesChannel(id: id, renamed, in: org)
            #expect(
                try await salesforce.findSalesChannel(externalChannelNumber: target, in: org)
                    == SalesChannelRecord(id: id, fields: renamed))

            let missing = "0bISB0000000000999"
            let error = await failure { try await salesforce.updateSalesChannel(id: missing, renamed, in: org) }
            #expect(error == .notFound(service: .salesforce, what: "SalesChannel \(missing)"))

            let calls = await server.requests().map { "\($0.method) \($0.path) \($0.status.map(String.init) ?? "-")" }
            #expect(
                calls == [
                    "POST /services/oauth2/token 200", "GET \(query) 200",
                    "POST /services/data/v62.0/sobjects/SalesChannel/ 201", "GET \(query) 200", "GET \(query) 200",
                    "PATCH /services/data/v62.0/sobjects/SalesChannel/\(id) 204", "GET \(query) 200",
                    "PATCH /services/data/v62.0/sobjects/SalesChannel/\(missing) 404",
                ])
        }
    }

    @Test func aCreateIsNotRetriedAfterA500AndABadFieldIsARejection() async throws {
        try await TestServer.run { server in
            let salesforce = server.live().salesforce
            let org = server.org()
            _ = try await salesforce.authorize(org)
            try await server.fault(.serverError, on: "POST /services/data/v62.0/sobjects/SalesChannel/")
            let fields = SalesChannelFields(salesChannelName: "Test Store", externalChannelNumber: "T")
            let error = await failure { try await salesforce.createSalesChannel(fields, in: org) }
            #expect(error?.isTransient == true, "\(String(describing: error))")
            #expect(
                await server.count("POST", "/services/data/v62.0/sobjects/SalesChannel/") == 1,
                "a create is not idempotent: not retried after a 500")
            let picklist = SalesChannelFields(
                salesChannelName: "Test Store", type: "Retail", externalChannelNumber: "T")
            let refused = await failure { try await salesforce.createSalesChannel(picklist, in: org) }
            guard case .rejected(.salesforce, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", _) = refused else {
                Issue.record("expected a picklist rejection, got \(String(describing: refused))")
                return
            }
        }
    }

    @Test func anOrderNotCreatedYetIsNotFoundUntilTheOrgHasIt() async throws {
        try await TestServer.run { server in
            let salesforce = server.live().salesforce
            let org = server.org()
            let channel = try await salesforce.createSalesChannel(
                SalesChannelFields(salesChannelName: "Test Store", externalChannelNumber: TestServer.store.targetId),
                in: org)
            let created = TestServer.order.id
            let pending = try #require(TestServer.storeOrders.last?.id)
            let updates = [created, pending].map { OrderChannelUpdate(orderID: $0, salesChannelID: channel) }

            let first = try await salesforce.setOrdersChannel(updates, fields: TestServer.orderFields, in: org)
            #expect(first.count == 2)
            guard case .updated(created, let createdID) = first.first else {
                Issue.record("expected \(created) updated, got \(first)")
                return
            }
            #expect(createdID.hasPrefix("801"), "\(createdID)")
            #expect(first.last == .notFound(orderID: pending))

            let pendingID = await server.sandbox.createOrder(orderId: pending)
            let second = try await salesforce.setOrdersChannel(updates, fields: TestServer.orderFields, in: org)
            #expect(
                second == [
                    .updated(orderID: created, salesforceID: createdID),
                    .updated(orderID: pending, salesforceID: pendingID),
                ])

            let calls = await server.requests().map { "\($0.method) \($0.path)" }.filter {
                !$0.contains("SalesChannel")
            }
            #expect(
                calls == [
                    "POST /services/oauth2/token", "GET \(query)", "POST /services/data/v62.0/composite",
                    "GET \(query)", "POST /services/data/v62.0/composite",
                ])
        }
    }

    @Test func aChannelFieldThatIsTheOrdersIdOrExternalIdIsRefusedBeforeAnyCall() async throws {
        try await TestServer.run { server in
            let salesforce = server.live().salesforce
            let updates = [OrderChannelUpdate(orderID: TestServer.order.id, salesChannelID: "0bISB0000000000001")]
            for channelField in [TestServer.orderFields.externalIDField.uppercased(), "ID"] {
                let fields = OrderChannelFields(
                    externalIDField: TestServer.orderFields.externalIDField, channelField: channelField)
                let refused = await failure {
                    try await salesforce.setOrdersChannel(updates, fields: fields, in: server.org())
                }
                guard case .rejected(.salesforce, "INVALID_FIELD", _) = refused else {
                    Issue.record("expected INVALID_FIELD for \(channelField), got \(String(describing: refused))")
                    return
                }
            }
            #expect(await server.requests().isEmpty, "nothing was sent")
        }
    }

    @Test func aChannelTheOrgDoesNotHaveFailsEachOrderNotTheBatch() async throws {
        try await TestServer.run { server in
            let updates = [OrderChannelUpdate(orderID: TestServer.order.id, salesChannelID: "0bISB0000000000999")]
            let results = try await server.live().salesforce.setOrdersChannel(
                updates, fields: TestServer.orderFields, in: server.org())
            guard case .failed(TestServer.order.id, "INVALID_CROSS_REFERENCE_KEY", _) = results.first,
                results.count == 1
            else {
                Issue.record("expected INVALID_CROSS_REFERENCE_KEY, got \(results)")
                return
            }
        }
    }

    @Test func everyOrderOfBothStoresIsSetInBatchesOf25() async throws {
        try await TestServer.run { server in
            let salesforce = server.live().salesforce
            let org = server.org()
            let channel = try await salesforce.createSalesChannel(
                SalesChannelFields(salesChannelName: "All", externalChannelNumber: "ALL"), in: org)
            let orders = TestServer.accounts.buyWithPrime.flatMap { TestServer.orders[$0.targetId] ?? [] }
            let updates = orders.map { OrderChannelUpdate(orderID: $0.id, salesChannelID: channel) }
            #expect(updates.count == 40)

            let results = try await salesforce.setOrdersChannel(updates, fields: TestServer.orderFields, in: org)
            #expect(results.count == 40)
            let notFound = results.compactMap { result -> String? in
                if case .notFound(let id) = result { return id }
                return nil
            }
            let pending = TestServer.accounts.buyWithPrime.flatMap {
                (TestServer.orders[$0.targetId] ?? []).suffix(TestServer.notCreated).map(\.id)
            }
            #expect(notFound == pending)
            #expect(results.filter { if case .updated = $0 { true } else { false } }.count == 40 - pending.count)
            #expect(await server.count("GET", query) == 2)
            #expect(await server.count("POST", "/services/data/v62.0/composite") == 2)
        }
    }
}
