import Foundation
import LiveHTTP
import SandboxServer
import Testing
import Transport

/// The live Buy with Prime adapter over real HTTP against a sandbox server on loopback (``TestServer``).
@Suite("Live Buy with Prime over HTTP", .timeLimit(.minutes(1)))
struct LiveBuyWithPrimeTests {
    let store = TestServer.store

    @Test func authorizeExchangesTheCredentialsThenProbesTheTarget() async throws {
        try await TestServer.run { server in
            let authorization = try await server.live().buyWithPrime.authorize(server.account())
            #expect(authorization.expiresIn == 900)
            #expect(authorization.targetID == store.targetId)
            let requests = await server.requests()
            #expect(requests.map { "\($0.method) \($0.path)" } == ["POST /token", "POST /graphql"])
            #expect(requests.map(\.status) == [200, 200])
            #expect(requests[0].clientId == store.clientId)
            #expect(requests[0].secretFingerprint == RequestLog.fingerprint(store.clientSecret))
            #expect(requests[1].targetId == store.targetId)
            #expect(requests[1].clientId == store.clientId, "the GraphQL call carried the token just issued")
        }
    }

    @Test func aRefusedSecretIsARejectionNamingTheOperationAndStatus() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live().buyWithPrime.authorize(server.account(secret: "not-the-client-secret"))
            }
            guard case .rejected(.buyWithPrime, "invalid_client", let message) = error else {
                Issue.record("expected invalid_client, got \(String(describing: error))")
                return
            }
            #expect(message == "Client authentication failed (buy-with-prime.token: HTTP 401)")
            #expect(await server.count("POST", "/graphql") == 0, "no probe after a refused token")
        }
    }

    @Test func aTargetTheClientDoesNotOwnIsRefusedAtAuthorization() async throws {
        try await TestServer.run { server in
            var account = server.account()
            account.targetID = TestServer.other.targetId
            let error = await failure { try await server.live().buyWithPrime.authorize(account) }
            guard case .rejected(.buyWithPrime, "AccessDeniedError", let message) = error else {
                Issue.record("expected AccessDeniedError, got \(String(describing: error))")
                return
            }
            #expect(message.contains(TestServer.other.targetId))
            #expect(await server.requests().map(\.path) == ["/token", "/graphql"])
        }
    }

    /// A call that failed, and its error.
    struct Failed: Error {
        var error: any Error
    }

    @Test func fiftyConcurrentCallsOnAColdCacheAskForOneToken() async throws {
        try await TestServer.run { server in
            // The calls go out while the rest of the suite starts: the server's handlers and the
            // client's tasks then wait their turn on Swift's cooperative pool (a thread per core)
            // for longer than the standard policy allows (Docs/reliability.md). Timing out is not
            // what this checks, so they may take nearly as long as the suite's time limit.
            let live = server.live(policy: RetryPolicy(totalTime: .seconds(50)))
            let account = server.account(timeout: .seconds(45))
            let results = await withTaskGroup(of: Result<BuyWithPrimeOrder, Failed>.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            return .success(try await live.buyWithPrime.order(id: TestServer.order.id, as: account))
                        } catch {
                            return .failure(Failed(error: error))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let orders = results.compactMap { try? $0.get() }
            let failures = results.compactMap { result -> Failed? in
                guard case .failure(let failed) = result else { return nil }
                return failed
            }
            #expect(
                orders.count == 50 && orders.allSatisfy { $0 == TestServer.order }, "\(failures.map { "\($0.error)" })")
            #expect(await server.count("POST", "/token") == 1)
            let calls = await server.requests("POST", "/graphql")
            // Each call asks once; on a loaded machine a call that outlives its request timeout is asked
            // again (the retry policy at work), so a few more than 50 may reach the server. The point
            // here is the one token.
            #expect(
                (orders.count...60).contains(calls.count), "\(calls.count) GraphQL calls for \(orders.count) orders")
            #expect(Set(calls.map(\.tokenFingerprint)).count == 1, "every call carried the one token")
        }
    }

    @Test func anOrderIsFoundByItsIDOrByItsAlias() async throws {
        try await TestServer.run { server in
            let live = server.live()
            let order = TestServer.order
            let alias = try #require(order.aliases.first)
            #expect(alias == OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "TEST-1001"))
            #expect(try await live.buyWithPrime.order(alias: alias, as: server.account()) == order)
            #expect(try await live.buyWithPrime.order(id: order.id, as: server.account()) == order)
            let last = try #require(TestServer.storeOrders.last)
            #expect(try await live.buyWithPrime.order(id: last.id, as: server.account()) == last)
            let unknown = OrderAlias(aliasType: "EXTERNAL_ID", aliasId: "TEST-9999")
            let error = await failure { try await live.buyWithPrime.order(alias: unknown, as: server.account()) }
            #expect(error == .notFound(service: .buyWithPrime, what: "order with EXTERNAL_ID alias TEST-9999"))
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

    @Test func anotherAccountsOrderIsNotFound() async throws {
        try await TestServer.run { server in
            let theirs = try #require(TestServer.orders[TestServer.other.targetId]?.first)
            let error = await failure {
                try await server.live().buyWithPrime.order(id: theirs.id, as: server.account())
            }
            #expect(error == .notFound(service: .buyWithPrime, what: "order \(theirs.id)"))
            let mine = try await server.live().buyWithPrime.order(id: theirs.id, as: server.account(TestServer.other))
            #expect(mine == theirs)
        }
    }

    @Test func a429IsRetriedNoSoonerThanItsRetryAfter() async throws {
        try await TestServer.run { server in
            let live = server.live()
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault(.throttled(retryAfter: 1), on: "POST /graphql")
            let start = ContinuousClock.now
            let order = try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account())
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(order == TestServer.order)
            let calls = await server.requests("POST", "/graphql")
            #expect(calls.map(\.status) == [200, 429, 200])
            #expect(calls.map(\.fault) == [nil, "429", nil])
            guard calls.count == 3 else { return }
            let wait = calls[2].time.timeIntervalSince(calls[1].time)
            #expect(wait >= 1, "the retry reached the server \(wait) s after the 429")
        }
    }

    @Test func aRetryAfterPastTheBoundIsThrottledAtOnce() async throws {
        try await TestServer.run { server in
            try await server.fault(.throttled(retryAfter: 60), on: "POST /graphql")
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live().buyWithPrime.order(id: TestServer.order.id, as: server.account())
            }
            #expect(error == .throttled(service: .buyWithPrime, retryAfter: 60))
            // Not the 60 s asked for: well below it, whatever the machine's load.
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(await server.count("POST", "/graphql") == 1)
        }
    }

    @Test func aStormOf500sEndsInOneUnavailableWithinTheBound() async throws {
        try await TestServer.run { server in
            try await server.fault(.serverError, on: "POST /graphql", count: 100)
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live().buyWithPrime.order(id: TestServer.order.id, as: server.account())
            }
            // Four attempts, unless the policy's 20 s ran out first on a loaded machine (CI once
            // made three in 21.6 s): never more, every one a 500, and one error naming their number.
            // The last attempt's timeout is what is left of the 20 s (at least 0.1 s): on a loaded
            // machine it may time out before its 500 arrives, which is "unavailable" just the same.
            let calls = await server.requests("POST", "/graphql")
            #expect((2...4).contains(calls.count) && calls.allSatisfy { $0.status == 500 }, "\(calls.map(\.status))")
            guard case .unavailable(.buyWithPrime, let reason) = error else {
                Issue.record("expected one unavailable, got \(String(describing: error))")
                return
            }
            #expect(
                reason == "buy-with-prime.order: HTTP 500 (\(calls.count) attempts)"
                    || (reason.hasPrefix("buy-with-prime.order: timed out after") && reason.hasSuffix(" attempts)")),
                "\(reason)")
            #expect(ContinuousClock.now - start < .seconds(60), "the policy's 20 s and the last attempt's own time")
        }
    }

    @Test func theTotalTimeBoundsTheRetriesOfAStorm() async throws {
        try await TestServer.run { server in
            try await server.fault(.serverError, on: "POST /graphql", count: 1000)
            let policy = RetryPolicy(
                maxAttempts: 1000, totalTime: .seconds(4), baseDelay: .milliseconds(100), maxDelay: .milliseconds(400))
            let start = ContinuousClock.now
            let error = await failure {
                try await server.live(policy: policy).buyWithPrime.order(
                    id: TestServer.order.id, as: server.account())
            }
            let elapsed = ContinuousClock.now - start
            #expect(error?.isTransient == true)
            // Far below the ~100 s that 1000 spaced attempts would take; slack for a loaded machine.
            #expect(elapsed < .seconds(20))
            // 1000 attempts were allowed: the time ended the storm, after at least one retry, and every
            // attempt reached the server within it. (How many fit in 4 s depends on the machine's load.)
            // (A machine so loaded that the first attempt outlasts the 4 s makes no retry at all.)
            let calls = await server.requests("POST", "/graphql")
            #expect(!calls.isEmpty && calls.count < 1000, "\(calls.count) attempts")
            if let first = calls.first?.time, let last = calls.last?.time {
                #expect(
                    last.timeIntervalSince(first) < 5.5, "the last attempt came \(last.timeIntervalSince(first)) s in")
            }
        }
    }

    @Test(arguments: [
        (Fault.malformed, "the answer is not JSON"), (.cut, "cut short"), (.oversized, "larger than 1048576 bytes"),
    ])
    func anUnreadableAnswerIsMalformedNotACrash(fault: Fault, reason: String) async throws {
        try await TestServer.run { server in
            let live = server.live()
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault(fault, on: "POST /graphql")
            let error = await failure {
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account())
            }
            guard case .malformedAnswer(.buyWithPrime, let text) = error else {
                Issue.record("expected malformedAnswer, got \(String(describing: error))")
                return
            }
            #expect(text.hasPrefix("buy-with-prime.order: "))
            #expect(text.contains(reason), "\(text)")
            #expect(await server.requests("POST", "/graphql").last?.fault == fault.name)
            // The transport still works after it.
            #expect(
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account()) == TestServer.order)
        }
    }

    @Test func aDroppedConnectionIsRetriedAndAStormOfThemIsUnavailable() async throws {
        try await TestServer.run { server in
            let live = server.live(policy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(50)))
            _ = try await live.buyWithPrime.authorize(server.account())
            try await server.fault(.drop, on: "POST /graphql")
            #expect(
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account()) == TestServer.order)
            #expect(await server.requests("POST", "/graphql").map(\.status) == [200, nil, 200])

            try await server.fault(.drop, on: "POST /graphql", count: 3)
            let error = await failure {
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account())
            }
            guard case .unavailable(.buyWithPrime, let reason) = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                return
            }
            #expect(reason.hasPrefix("buy-with-prime.order: no answer from 127.0.0.1"), "\(reason)")
            #expect(reason.hasSuffix("(3 attempts)"), "\(reason)")
            #expect(await server.requests("POST", "/graphql").suffix(3).map(\.fault) == ["drop", "drop", "drop"])
            // The transport still works after it.
            #expect(
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account()) == TestServer.order)
        }
    }

    @Test func aBodyOverTheDeclaredCapIsRefusedBeforeReading() async throws {
        try await TestServer.run { server in
            let error = await failure {
                try await server.live(maxBodyBytes: 64).buyWithPrime.order(
                    id: TestServer.order.id, as: server.account())
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
            // Each answer would take 6 s: two attempts waited out take at least 12 s, two cut at their
            // 0.3 s timeout far less, however loaded the machine (the bound tells a cut attempt from a
            // waited-out one; it is not a speed: 4 s was once exceeded under the full suite on 2 cores).
            try await server.fault(.delay(milliseconds: 6000), on: "POST /graphql", count: 2)
            let start = ContinuousClock.now
            let error = await failure {
                try await live.buyWithPrime.order(
                    id: TestServer.order.id, as: server.account(timeout: .milliseconds(300)))
            }
            #expect(
                error
                    == .unavailable(
                        service: .buyWithPrime, reason: "buy-with-prime.order: timed out after 0.3 s (2 attempts)"))
            #expect(ContinuousClock.now - start < .seconds(12))
        }
    }

    @Test func anAnswerThatStallsAfterItsFirstBytesEndsAtTheRequestTimeout() async throws {
        try await TestServer.run { server in
            let live = server.live(policy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
            _ = try await live.buyWithPrime.authorize(server.account())
            // The head and a quarter of the body come at once, then nothing until the server stops:
            // AsyncHTTPClient's deadline ends at the head, so without one of its own over the body
            // each attempt would wait for the server's 120 s limit.
            try await server.fault(.stall, on: "POST /graphql", count: 2)
            let start = ContinuousClock.now
            let error = await failure {
                try await live.buyWithPrime.order(id: TestServer.order.id, as: server.account(timeout: .seconds(2)))
            }
            #expect(
                error
                    == .unavailable(
                        service: .buyWithPrime, reason: "buy-with-prime.order: timed out after 2.0 s (2 attempts)"))
            // Two attempts of 2 s and a backoff; an attempt that waited for the server's 120 s limit
            // would be far over, however loaded the machine.
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(await server.requests("POST", "/graphql").contains { $0.fault == "stall" })
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
