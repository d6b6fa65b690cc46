import ChannelLedger
import EventSourcing
import EventStorePostgres
import Logging

/// The stores of this build: `postgres://` URLs go to PostgreSQL, every other location is a
/// SQLite file (the embedded default).
public struct StoreRouter: StoreProvider {
    let sqlite = SQLiteStoreProvider()
    let postgres: PostgresStoreProvider

    /// A router whose PostgreSQL stores log to `logger`.
    public init(logger: Logger) {
        postgres = PostgresStoreProvider(logger: logger)
    }

    /// The provider of a location: PostgreSQL for its URLs, SQLite for a path, and none for a URL
    /// of another kind (`mysql://…`), which would otherwise become a folder named `mysql:`.
    func provider(_ location: String) throws -> any StoreProvider {
        if PostgresStoreURL.isPostgresURL(location) { return postgres }
        if Self.isOtherURL(location) { throw LedgerError.unsupportedStoreLocation(Self.withoutUserInfo(location)) }
        return sqlite
    }

    /// A URL without its `user:password@` part, so that no password is printed or logged.
    static func withoutUserInfo(_ location: String) -> String {
        guard let separator = location.range(of: "://") else { return location }
        let authorityEnd = location[separator.upperBound...].firstIndex(of: "/") ?? location.endIndex
        guard let at = location[separator.upperBound..<authorityEnd].lastIndex(of: "@") else { return location }
        return String(location[..<separator.upperBound]) + String(location[location.index(after: at)...])
    }

    /// Whether a location starts with a URL scheme (an ASCII letter, then letters, digits, `+`, `-`
    /// or `.`) and `://`.
    static func isOtherURL(_ location: String) -> Bool {
        guard let separator = location.range(of: "://") else { return false }
        let scheme = location[..<separator.lowerBound].unicodeScalars
        guard let first = scheme.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "+-.".unicodeScalars.contains($0))
        }
    }

    /// Opens the store with the provider the location names.
    public func open(_ location: String, projections: [any Projection]) async throws -> any EventStore {
        try await provider(location).open(location, projections: projections)
    }

    /// Peeks at a stream with the provider the location names.
    public func peek(_ stream: StreamName, at location: String) async throws -> [RecordedEvent] {
        try await provider(location).peek(stream, at: location)
    }

    /// Creates the store with the provider the location names.
    public func create(_ location: String, projections: [any Projection]) async throws -> (
        any EventStore, created: Bool
    ) {
        try await provider(location).create(location, projections: projections)
    }

    /// Discards what the location's provider made.
    public func discard(_ location: String) async {
        try? await provider(location).discard(location)
    }

    /// A URL without its password; a path as itself.
    public func displayName(_ location: String) -> String {
        (try? provider(location))?.displayName(location) ?? Self.withoutUserInfo(location)
    }

    /// Backs up a SQLite store; PostgreSQL stores are refused.
    public func backup(_ store: any EventStore, to path: String) async throws -> LogHead {
        try await sqlite.backup(store, to: path)
    }

    /// Restores into the store the location names.
    public func restore(backup: String, to location: String, projections: [any Projection]) async throws
        -> RestoreResult
    {
        try await provider(location).restore(backup: backup, to: location, projections: projections)
    }

    /// The class either store's error maps to.
    public func failureClass(of error: any Error) -> FailureClass? {
        sqlite.failureClass(of: error) ?? postgres.failureClass(of: error)
    }
}
