import Foundation
import LiveHTTP
import Testing
import Transport

/// The live Buy with Prime adapter over real HTTP on loopback (``TestServer``).
@Suite("Live Buy with Prime over HTTP", .timeLimit(.minutes(1)))
struct LiveBuyWithPrimeTests {
    @Test func authorizeExchangesTheCredentialsThenProbesTheTarget() async throws {
        try await TestServer.run { server in
            let authorization = try await server.live().buyWithPrime.authorize(server.account())
            #expect(authorization.expiresIn == 900)
            #expect(authorization.targetID == "TARGET-1")
            let requests = try await server.requests()
            #expect(requests.map { "\($0.method) \($0.path)" } == ["POST /token", "POST /graphql"])
            #expect(requests[0].clientId == "test-client")
            #expect(requests[1].targetId == "TARGET-1")
        }
    }

    @Test func aRefusedSecretIsARejectionNamingTheOperationAndStatus() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live().buyWithPrime.authorize(server.account(secret: PlumbingServer.refusedSecret))
            }
            guard case .rejected(.buyWithPrime, "invalid_client", let message) = error else {
                Issue.record("expected invalid_client, got \(String(describing: error))")
                return
            }
            #expect(message == "Client authentication failed (buy-with-prime.token: HTTP 401)")
        }
    }

    @Test func fiftyConcurrentCallsOnAColdCacheAskForOneToken() async throws {
        try await TestServer.run { server in
            let live = server.live()
            let orders = try await withThrowingTaskGroup(of: BuyWithPrimeOrder.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await live.buyWithPrime.order(id: PlumbingServer.orderID, as: server.account())
                    }
                }
                return try await group.reduce(into: [BuyWithPrimeOrder]()) { $0.append($1) }
            }
            #expect(orders.count == 50)
            #expect(orders.allSatisfy { $0 == PlumbingServer.expectedOrder })
            #expect(try await server.count("POST", "/token") == 1)
            #expect(try await server.count("POST", "/graphql") == 50)
        }
    }

    @Test func anUnknownOrderIsNotFound() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live().buyWithPrime.order(id: "322-NONE-000000", as: server.account())
            }
            #expect(error == .notFound(service: .buyWithPrime, what: "order 322-NONE-000000"))
        }
    }

    @Test func a429IsRetriedNoSoonerThanItsRetryAfter() async throws {
        try await TestServer.run { server in
            let live = server.live()
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault("429", on: "POST /graphql", retryAfter: 1)
            let start = ContinuousClock.now
            let order = try await live.buyWithPrime.order(id: PlumbingServer.orderID, as: server.account())
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(order.id == PlumbingServer.orderID)
            #expect(try await server.count("POST", "/graphql") == 3)
        }
    }

    @Test func aRetryAfterPastTheBoundIsThrottledAtOnce() async throws {
        try await TestServer.run { server in
            try await server.fault("429", on: "POST /graphql", retryAfter: 60)
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live().buyWithPrime.order(id: PlumbingServer.orderID, as: server.account())
            }
            #expect(error == .throttled(service: .buyWithPrime, retryAfter: 60))
            #expect(ContinuousClock.now - start < .seconds(5))
            #expect(try await server.count("POST", "/graphql") == 1)
        }
    }

    @Test func aStormOf500sEndsInOneUnavailableWithinTheBound() async throws {
        try await TestServer.run { server in
            try await server.fault("500", on: "POST /graphql", count: 100)
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live().buyWithPrime.order(id: PlumbingServer.orderID, as: server.account())
            }
            #expect(
                error == .unavailable(service: .buyWithPrime, reason: "buy-with-prime.order: HTTP 500 (4 attempts)"))
            #expect(ContinuousClock.now - start < .seconds(20))
            #expect(try await server.count("POST", "/graphql") == 4)
        }
    }

    @Test func theTotalTimeBoundsTheRetriesOfAStorm() async throws {
        try await TestServer.run { server in
            try await server.fault("500", on: "POST /graphql", count: 1000)
            let policy = RetryPolicy(
                maxAttempts: 1000, totalTime: .seconds(2), baseDelay: .milliseconds(100), maxDelay: .milliseconds(400))
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live(policy: policy).buyWithPrime.order(
                    id: PlumbingServer.orderID, as: server.account())
            }
            let elapsed = ContinuousClock.now - start
            #expect(error?.isTransient == true)
            #expect(elapsed < .seconds(3))
            let attempts = try await server.count("POST", "/graphql")
            #expect(attempts > 3 && attempts < 1000)
        }
    }

    @Test(arguments: [
        ("malformed", "the answer is not JSON"), ("cut", "cut short"), ("oversized", "larger than 1048576 bytes"),
    ])
    func anUnreadableAnswerIsMalformedNotACrash(fault: String, reason: String) async throws {
        try await TestServer.run { server in
            let live = server.live()
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault(fault, on: "POST /graphql")
            let error = await failure {
                try await live.buyWithPrime.order(id: PlumbingServer.orderID, as: server.account())
            }
            guard case .malformedAnswer(.buyWithPrime, let text) = error else {
                Issue.record("expected malformedAnswer, got \(String(describing: error))")
                return
            }
            #expect(text.hasPrefix("buy-with-prime.order: "))
            #expect(text.contains(reason))
            // The transport still works after it.
            #expect(
                try await live.buyWithPrime.order(id: PlumbingServer.orderID, as: server.account()).id
                    == PlumbingServer.orderID)
        }
    }

    @Test func aBodyOverTheDeclaredCapIsRefusedBeforeReading() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live(maxBodyBytes: 64).buyWithPrime.order(
                    id: PlumbingServer.orderID, as: server.account())
            }
            #expect(
                error
                    == .malformedAnswer(
                        service: .buyWithPrime, reason: "buy-with-prime.token: the answer is larger than 64 bytes"))
        }
    }

    @Test func anAttemptOutlastingTheRequestTimeoutIsUnavailable() async throws {
        try await TestServer.run { server in
            let live = server.live(policy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault("delay", on: "POST /graphql", count: 2, delayMs: 1500)
            let start = ContinuousClock.now
            let error = await failure {
                try await live.buyWithPrime.order(
                    id: PlumbingServer.orderID, as: server.account(timeout: .milliseconds(300)))
            }
            #expect(
                error
                    == .unavailable(
                        service: .buyWithPrime, reason: "buy-with-prime.order: timed out after 0.3 s (2 attempts)"))
            #expect(ContinuousClock.now - start < .milliseconds(1400))
        }
    }

    @Test func anUnreachableServiceIsUnavailableAfterItsRetries() async throws {
        try await TestServer.run { server in
            var account = server.account()
            account.endpoint = "http://127.0.0.1:1"
            let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20))
            let error = await failure { try await server.live(policy: policy).buyWithPrime.authorize(account) }
            guard case .unavailable(.buyWithPrime, let reason) = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                return
            }
            #expect(reason.hasPrefix("buy-with-prime.token: no answer from 127.0.0.1"))
            #expect(reason.hasSuffix("(3 attempts)"))
        }
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeAnyCall() async throws {
        try await TestServer.run { server in
            var account = server.account()
            account.endpoint = "http://api.buywithprime.amazon.com"
            let error = await failure { try await server.live().buyWithPrime.authorize(account) }
            #expect(error == .unavailable(service: .buyWithPrime, reason: "http:// is allowed for loopback hosts only"))
        }
    }
}

/// The `TransportError` `body` throws, or nil.
func failure<Value>(_ body: () async throws -> Value) async -> TransportError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? TransportError
    }
}
