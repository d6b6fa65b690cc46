import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Append paths beyond the contract: the fast path's fallbacks and refused text.
@Suite(.postgres) struct PostgresAppendTests {
    static func named(_ name: String) -> NewEvent {
        NewEvent(
            id: UUIDv7.make(), type: ContractProjection.named, schemaVersion: 1, recordedAt: Timestamp(Date()),
            payload: ContractProjection.namePayload(name), metadata: EventMetadata(actor: "a", source: "cli"))
    }

    @Test func aRecordedBatchIsAbsorbedEvenWhenProjectingItAgainWouldFail() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let (one, two) = (Fixtures.stream("one"), Fixtures.stream("two"))
            let batch = [Self.named("x")]
            try await store.append(batch, to: one, expected: .noStream)
            try await store.append(Fixtures.events(1, type: ContractProjection.cleared), to: one, expected: .exact(1))
            try await store.append([Self.named("x")], to: two, expected: .noStream)
            // Projecting the batch again would claim "x", now held by `two`; it is a duplicate all the same.
            for expected in [ExpectedVersion.any, .exact(2), .noStream] {
                let again = try await store.append(batch, to: one, expected: expected)
                #expect(again == AppendResult(positions: [1], streamVersion: 2, wasDuplicate: true))
            }
            #expect(try await store.claimOwner(ContractProjection.nameKind, value: "x") == two.rawValue)
            let taken = EventStoreError.claimConflict(
                kind: ContractProjection.nameKind, value: "x", owner: two.rawValue)
            await #expect(throws: taken) {
                try await store.append([Self.named("x")], to: one, expected: .exact(2))
            }
            #expect(try await store.head().position == 3)
        }
    }

    @Test func textPostgreSQLCannotHoldIsRefusedBeforeAnythingIsSent() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            var event = Fixtures.events(1)[0]
            event.metadata.actor = "a\u{0}b"
            await #expect(throws: PostgresStoreError.textWithNUL(field: "actor")) {
                try await store.append([event], to: Fixtures.stream("a"), expected: .noStream)
            }
            await #expect(throws: PostgresStoreError.textWithNUL(field: "claimed value")) {
                try await store.append([Self.named("n\u{0}")], to: Fixtures.stream("a"), expected: .noStream)
            }
            #expect(try await store.head() == .empty)
            #expect(try await store.version(of: StreamName("test:a\u{0}")) == 0)
            #expect(try await store.claimOwner(ContractProjection.nameKind, value: "n\u{0}") == nil)
        }
    }

    @Test func aCommitTheServerTurnsIntoARollbackIsAnErrorNotSuccess() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([ContractProjection()])
            let server = store.url.description
            // A failed statement whose error is swallowed aborts the transaction; COMMIT then rolls back.
            await #expect(throws: PostgresStoreError.postgres(server: server, sqlState: "25P02", operation: "testing"))
            {
                try await store.inTransaction("testing") { connection in
                    try await connection.run("INSERT INTO checkpoints (name, version, position) VALUES ('x', 1, 1)")
                    _ = try? await connection.run("SELECT 1 / 0")
                }
            }
            #expect(try await store.unsafeExecute("SELECT count(*)::text FROM \(schema.name).checkpoints") == ["0"])
        }
    }
}
