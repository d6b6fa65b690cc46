import ChannelLedger
import EventSourcing
import EventStorePostgres
import Logging

/// Stores named by `postgres://` URLs; every other location goes to the embedded SQLite default.
struct RoutingStoreProvider: StoreProvider {
    let logger: Logger
    let sqlite = SQLiteStoreProvider()

    func open(_ location: String, projections: [any Projection]) async throws -> any EventStore {
        guard PostgresStoreURL.isPostgresURL(location) else {
            return try await sqlite.open(location, projections: projections)
        }
        do {
            return try await PostgresEventStore.connect(
                url: location, projections: projections, logger: logger, creating: false)
        } catch PostgresStoreError.noStore {
            throw LedgerError.storeMissing(path: displayName(location))
        }
    }

    /// Connecting creates or migrates the tables; whether the ledger is new is for `init` to find out.
    func create(_ location: String, projections: [any Projection]) async throws -> (any EventStore, created: Bool) {
        guard PostgresStoreURL.isPostgresURL(location) else {
            return try await sqlite.create(location, projections: projections)
        }
        return (try await PostgresEventStore.connect(url: location, projections: projections, logger: logger), false)
    }

    /// A URL shows without its password (as `PostgresStoreURL` prints it); a path as itself.
    func displayName(_ location: String) -> String {
        guard PostgresStoreURL.isPostgresURL(location) else { return location }
        return (try? PostgresStoreURL(location).description) ?? "postgres://(unparsable URL)"
    }

    /// A PostgreSQL database is the operator's: nothing is dropped.
    func discard(_ location: String) async {
        guard !PostgresStoreURL.isPostgresURL(location) else { return }
        await sqlite.discard(location)
    }
}

extension PostgresStoreError: ClassifiedError {
    /// A server that cannot be reached is "unavailable" (exit 6); every other store problem is exit 9.
    public var failureClass: FailureClass {
        switch self {
        case .unreachable, .connectionLost, .tooManyConnections, .closed, .commitOutcomeUnknown: .unavailable
        case .busy: .conflict
        case .invalidURL, .textWithNUL: .usage
        default: .storeOrKey
        }
    }
}
