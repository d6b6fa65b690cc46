import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Rebuilds as other sessions see them: the swap is one transaction.
@Suite(.postgres) struct PostgresRebuildTests {
    @Test func readersSeeTheOldModelsUntilTheSwapCommits() async throws {
        try await PostgresTestServer.withSchema { schema in
            let projection = ContractProjection()
            let reader = try await schema.store()
            let seenDuringSwap = Locked<[ReadModelDocument]?>(nil)
            var options = PostgresStoreOptions(maximumConnections: 2)
            options.hooks.beforeSwapCommit = { _ in
                let documents = try await reader.documents(ContractProjection.model)
                seenDuringSwap.withLock { $0 = documents }
            }
            let store = try await schema.store([projection], options: options)
            for (index, count) in [2, 3, 4].enumerated() {
                try await store.append(Fixtures.events(count), to: Fixtures.stream("\(index)"), expected: .noStream)
            }
            let inline = try await reader.documents(ContractProjection.model)
            // Models an older projection left: one stream's counter only.
            let admin = try await schema.admin()
            _ = try await admin.unsafeExecute("DELETE FROM documents WHERE key <> 'test:0'")
            let old = try await reader.documents(ContractProjection.model)
            #expect(old.count == 1 && inline.count == 3)

            let position = try await ProjectionRebuild(store: store, batchSize: 2).run(projection, restart: true)
            #expect(position == 9)
            #expect(seenDuringSwap.current == old, "the staged models stay hidden until COMMIT")
            #expect(try await reader.documents(ContractProjection.model) == inline)
            #expect(
                try await reader.unsafeExecute("SELECT count(*)::text FROM staged_documents") == ["0"],
                "the staging area is dropped with the swap")
        }
    }
}
