import LiveHTTP
import Synchronization
import Testing
import Transport

@Suite("LiveHTTP: token cache")
struct TokenCacheTests {
    final class Clock: Sendable {
        let now = Mutex(ContinuousClock.now)
        func advance(_ duration: Duration) { now.withLock { $0 += duration } }
    }

    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
        var count: Int { value.withLock { $0 } }
    }

    let key = TokenCacheKey(endpoint: "https://example.test", clientID: "client", secret: Secret("s"))

    @Test func aTokenIsReusedUntilAMinuteBeforeItEnds() async throws {
        let clock = Clock()
        let cache = TokenCache<Int>(now: { clock.now.withLock { $0 } })
        let issued = Counter()
        let fetch: @Sendable () async throws -> TokenCache<Int>.Issued = {
            .init(token: issued.next(), lifetime: .seconds(900))
        }
        #expect(try await cache.token(for: key, fetch: fetch) == 1)
        clock.advance(.seconds(839))
        #expect(try await cache.token(for: key, fetch: fetch) == 1)
        clock.advance(.seconds(1))
        #expect(try await cache.token(for: key, fetch: fetch) == 2)
    }

    @Test func aShortLivedTokenIsReusedForHalfItsLife() async throws {
        let clock = Clock()
        let cache = TokenCache<Int>(now: { clock.now.withLock { $0 } })
        let issued = Counter()
        let fetch: @Sendable () async throws -> TokenCache<Int>.Issued = {
            .init(token: issued.next(), lifetime: .seconds(90))
        }
        _ = try await cache.token(for: key, fetch: fetch)
        clock.advance(.seconds(44))
        #expect(try await cache.token(for: key, fetch: fetch) == 1)
        clock.advance(.seconds(1))
        #expect(try await cache.token(for: key, fetch: fetch) == 2)
    }

    @Test func aTokenWithoutLifetimeLastsUntilRefused() async throws {
        let clock = Clock()
        let cache = TokenCache<Int>(now: { clock.now.withLock { $0 } })
        let issued = Counter()
        let fetch: @Sendable () async throws -> TokenCache<Int>.Issued = { .init(token: issued.next(), lifetime: nil) }
        _ = try await cache.token(for: key, fetch: fetch)
        clock.advance(.seconds(86_400 * 30))
        #expect(try await cache.token(for: key, fetch: fetch) == 1)
        #expect(try await cache.renew(key, after: { $0 == 1 }, fetch: fetch) == 2)
        // A call still holding the refused token is handed the renewed one, not a third.
        #expect(try await cache.renew(key, after: { $0 == 1 }, fetch: fetch) == 2)
        #expect(issued.count == 2)
        // What `token(for:)` reads without the actor follows every change the actor makes.
        #expect(try await cache.token(for: key, fetch: fetch) == 2, "the renewed token, not the refused one")
        await cache.remove(key)
        #expect(try await cache.token(for: key, fetch: fetch) == 3, "a removed token is never handed out")
        #expect(try await cache.token(for: key, fetch: fetch) == 3)
    }

    @Test func concurrentCallsOnAColdCacheShareOneFetch() async throws {
        let cache = TokenCache<Int>()
        let issued = Counter()
        let tokens = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await cache.token(for: key) {
                        try await Task.sleep(for: .milliseconds(50))
                        return .init(token: issued.next(), lifetime: .seconds(900))
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(issued.count == 1)
        #expect(Set(tokens) == [1])
    }

    @Test func aFailedFetchCachesNothing() async throws {
        struct Refused: Error {}
        let cache = TokenCache<Int>()
        await #expect(throws: Refused.self) {
            try await cache.token(for: key) { throw Refused() }
        }
        #expect(try await cache.token(for: key) { .init(token: 7, lifetime: nil) } == 7)
    }

    @Test func keysDifferByEndpointClientAndSecretAndShowNoSecret() {
        let base = TokenCacheKey(endpoint: "https://a.test", clientID: "c", secret: Secret("one"))
        #expect(base == TokenCacheKey(endpoint: "https://a.test", clientID: "c", secret: Secret("one")))
        #expect(base != TokenCacheKey(endpoint: "https://a.test", clientID: "c", secret: Secret("two")))
        #expect(base != TokenCacheKey(endpoint: "https://b.test", clientID: "c", secret: Secret("one")))
        #expect(base != TokenCacheKey(endpoint: "https://a.test", clientID: "d", secret: Secret("one")))
        var dumped = ""
        dump(base, to: &dumped)
        for text in [String(describing: base), String(reflecting: base), dumped] {
            #expect(!text.contains("one"))
        }
    }
}
