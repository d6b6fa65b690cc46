import ChannelLedger
import EventSourcing
import EventStorePostgres
import Logging

/// Stores in a PostgreSQL database, named by `postgres://` URLs.
public struct PostgresStoreProvider: StoreProvider {
    let logger: Logger

    /// A provider whose stores log to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Connects to an existing store; a database without one is ``LedgerError/storeMissing(path:)``.
    public func open(_ location: String, projections: [any Projection]) async throws -> any EventStore {
        do {
            return try await PostgresEventStore.connect(
                url: location, projections: projections, logger: logger, creating: false)
        } catch PostgresStoreError.noStore {
            throw LedgerError.storeMissing(path: displayName(location))
        }
    }

    /// Reads a stream on one read-only connection; a database without a store is
    /// ``LedgerError/storeMissing(path:)``.
    public func peek(_ stream: StreamName, at location: String) async throws -> [RecordedEvent] {
        do {
            return try await PostgresEventStore.peek(stream: stream, url: location, logger: logger)
        } catch PostgresStoreError.noStore {
            throw LedgerError.storeMissing(path: displayName(location))
        }
    }

    /// Connecting creates or migrates the tables; whether the ledger is new is for `init` to find out.
    public func create(_ location: String, projections: [any Projection]) async throws -> (
        any EventStore, created: Bool
    ) {
        (try await PostgresEventStore.connect(url: location, projections: projections, logger: logger), false)
    }

    /// A PostgreSQL database is the operator's: nothing is dropped.
    public func discard(_ location: String) async {}

    /// The URL without its password (as `PostgresStoreURL` prints it).
    public func displayName(_ location: String) -> String {
        (try? PostgresStoreURL(location).description) ?? "postgres://(unparsable URL)"
    }

    /// PostgreSQL is backed up with its own tools (pg_dump), not by the ledger.
    public func backup(_ store: any EventStore, to path: String) async throws -> LogHead {
        throw LedgerError.backupNeedsSQLite
    }

    /// PostgreSQL is restored with its own tools (pg_restore), not by the ledger.
    public func restore(backup: String, to location: String, projections: [any Projection]) async throws
        -> RestoreResult
    {
        throw LedgerError.restoreNeedsSQLite
    }

    /// A server that cannot be reached is "unavailable" (6), a lock held too long a conflict (7),
    /// a bad URL a usage error (64); every other store problem is 9.
    public func failureClass(of error: any Error) -> FailureClass? {
        guard let error = error as? PostgresStoreError else { return nil }
        switch error {
        case .unreachable, .connectionLost, .tooManyConnections, .closed, .commitOutcomeUnknown: return .unavailable
        case .busy: return .conflict
        case .invalidURL, .textWithNUL: return .usage
        default: return .storeOrKey
        }
    }
}
