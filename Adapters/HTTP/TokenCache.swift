import NIOConcurrencyHelpers

/// Tokens cached per credentials (``TokenCacheKey``), with one refresh at a time per key however
/// many calls wait for it (single flight).
///
/// A token with a lifetime is reused until `margin` before it ends (half its lifetime when that
/// is shorter than twice the margin); one without (Salesforce's) until ``renew(_:after:fetch:)``
/// is told it was refused. A failed refresh caches nothing: the next call tries again.
public actor TokenCache<Token: Sendable> {
    /// A token as its service issued it.
    public struct Issued: Sendable {
        /// The token (or the whole authorization that carries it).
        public var token: Token
        /// How long it lasts (`expires_in`), or nil when the service does not say.
        public var lifetime: Duration?

        /// An issued token.
        public init(token: Token, lifetime: Duration?) {
            self.token = token
            self.lifetime = lifetime
        }
    }

    private enum Entry {
        case ready(Token, validUntil: ContinuousClock.Instant?)
        case pending(id: UInt64, Task<Issued, any Error>)
    }

    /// How long before its end a token is refreshed.
    public let margin: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var entries: [TokenCacheKey: Entry] = [:] {
        didSet { publishReady() }
    }
    private var nextID: UInt64 = 0
    /// The `.ready` entries, readable without a hop to the actor: the common case, a valid token in
    /// the cache, costs a lock rather than two executor switches. Written only by the actor.
    private nonisolated let ready = NIOLockedValueBox<
        [TokenCacheKey: (token: Token, validUntil: ContinuousClock.Instant?)]
    >([:])

    /// A cache that refreshes tokens `margin` before they end; `now` is injectable for tests.
    public init(
        margin: Duration = .seconds(60), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.margin = margin
        self.now = now
    }

    /// The cached token for `key` while it is valid, else the one refresh in flight, else a new one from `fetch`.
    public nonisolated func token(
        for key: TokenCacheKey, fetch: @escaping @Sendable () async throws -> Issued
    ) async throws -> Token {
        if let cached = ready.withLockedValue({ $0[key] }), cached.validUntil.map({ now() < $0 }) ?? true {
            return cached.token
        }
        return try await tokenOrRefresh(for: key, fetch: fetch)
    }

    private func tokenOrRefresh(for key: TokenCacheKey, fetch: @escaping @Sendable () async throws -> Issued)
        async throws -> Token
    {
        switch entries[key] {
        case .ready(let token, let validUntil):
            if let validUntil, now() >= validUntil { break }
            return token
        case .pending(_, let task):
            return try await task.value.token
        case nil:
            break
        }
        return try await refresh(key, fetch: fetch)
    }

    /// A new token for `key` (joining the refresh in flight, if any), cached for the next calls.
    public func refresh(_ key: TokenCacheKey, fetch: @escaping @Sendable () async throws -> Issued) async throws
        -> Token
    {
        if case .pending(_, let task) = entries[key] {
            return try await task.value.token
        }
        nextID += 1
        let id = nextID
        let task = Task { try await fetch() }
        entries[key] = .pending(id: id, task)
        do {
            let issued = try await task.value
            if isPending(key, id) {
                entries[key] = .ready(issued.token, validUntil: issued.lifetime.map { now() + usable($0) })
            }
            return issued.token
        } catch {
            if isPending(key, id) { entries[key] = nil }
            throw error
        }
    }

    /// A token to use instead of one the service refused (`isRefused` recognizes it): the cached
    /// one if another call already renewed it, the refresh in flight, else one new refresh.
    public func renew(
        _ key: TokenCacheKey, after isRefused: @Sendable (Token) -> Bool,
        fetch: @escaping @Sendable () async throws -> Issued
    ) async throws -> Token {
        if case .ready(let token, _) = entries[key], !isRefused(token) {
            return token
        }
        if case .ready = entries[key] { entries[key] = nil }
        return try await refresh(key, fetch: fetch)
    }

    /// Forgets the token of `key`.
    public func remove(_ key: TokenCacheKey) {
        entries[key] = nil
    }

    private func publishReady() {
        var tokens: [TokenCacheKey: (token: Token, validUntil: ContinuousClock.Instant?)] = [:]
        for case (let key, .ready(let token, let validUntil)) in entries { tokens[key] = (token, validUntil) }
        ready.withLockedValue { $0 = tokens }
    }

    private func isPending(_ key: TokenCacheKey, _ id: UInt64) -> Bool {
        if case .pending(let pending, _) = entries[key] { return pending == id }
        return false
    }

    private func usable(_ lifetime: Duration) -> Duration {
        lifetime >= margin * 2 ? lifetime - margin : lifetime / 2
    }
}
