import ChannelLedger
import EventSourcing
import EventStorePostgres
import EventStoreSQLite
import LedgerPresentation
import LedgerWiring
import Testing

/// The stores' errors carry facts; the edge adds the fix and the exit class.
@Suite("Store errors, as the CLI explains them")
struct StoreErrorAdviceTests {
    static let stores = Wiring.stores(logger: .init(label: "test"))
    static let server = "postgres://ledger@db:5432/ledger"

    @Test("a missing SQLite store says to run init, exit 4")
    func missingSQLiteStore() {
        let (failure, line) = FailureReport.describe(SQLiteStoreError.notFound("/x.sqlite"), stores: Self.stores)
        #expect(failure == .notFound)
        #expect(line == "no store at /x.sqlite; run `channel-ledger init` (or pass --store)")
    }

    @Test("a PostgreSQL error keeps its facts and adds the fix; an unreachable server is exit 6")
    func postgresErrors() {
        let error = PostgresStoreError.postgres(server: Self.server, sqlState: "23505", operation: "appending to")
        #expect(
            FailureReport.message(of: error)
                == "PostgreSQL error 23505 (unique_violation) while appending to \(Self.server); retry, and run `channel-ledger verify` if it persists"
        )
        let lost = PostgresStoreError.connectionLost(server: Self.server, operation: "appending to")
        #expect(
            FailureReport.message(of: lost).hasSuffix(
                "was lost while appending to it; nothing was written; retry (the store reconnects)"))
        let unreachable = PostgresStoreError.unreachable(server: Self.server, reason: "refused")
        #expect(FailureReport.describe(unreachable, stores: Self.stores).0 == .unavailable)
        #expect(
            FailureReport.describe(PostgresStoreError.busy(server: Self.server), stores: Self.stores).0 == .conflict)
    }

    @Test("a kernel error gets its fix at the edge")
    func kernelErrors() {
        #expect(
            FailureReport.message(of: EventCodecError.unknownType("ChannelTeleported")).hasSuffix(
                "; upgrade channel-ledger"))
        #expect(
            FailureReport.message(of: ProjectionRebuildError.takenOver("ledger"))
                == "another rebuild of projection ledger took over; let it finish or run `channel-ledger projections rebuild ledger` again"
        )
        #expect(FailureReport.describe(EventCodecError.unknownType("X"), stores: Self.stores).0 == .storeOrKey)
    }

    @Test("an error nothing knows is an internal error that names its type, never its content")
    func unknownError() {
        struct Secretive: Error { let token = "tok-123" }
        let (failure, line) = FailureReport.describe(Secretive(), stores: Self.stores)
        #expect(failure == .internalError)
        #expect(line.contains("Secretive") && !line.contains("tok-123"))
    }

    @Test(
        "every store error, SQLite and PostgreSQL, is one line with a class",
        arguments: [
            SQLiteStoreError.notFound("/a"), .alreadyExists("/a"), .notAStore("/a"), .directoryNotFound("/d"),
            .newerSchema("/a"), .permissionDenied("/a"), .busy("/a"), .diskFull("/a"), .corrupt("/a"),
            .unreadableValue(path: "/a", what: "stream name"), .sqlite(path: "/a", code: 1, operation: "reading"),
        ] as [any Error & Sendable]
            + [
                PostgresStoreError.invalidURL("bad port"), .authenticationFailed(server: server),
                .noStore(server: server), .commitOutcomeUnknown(server: server), .textWithNUL(field: "actor"),
            ])
    func oneLine(error: any Error & Sendable) {
        let (failure, line) = FailureReport.describe(error, stores: Self.stores)
        #expect(failure != .internalError)
        #expect(!line.isEmpty && !line.contains("\n"))
    }
}
