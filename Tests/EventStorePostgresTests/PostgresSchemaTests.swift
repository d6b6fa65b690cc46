import ChannelLedgerTesting
import EventSourcing
import Foundation
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// Migrations, the schema's invariants and what it refuses.
@Suite(.postgres) struct PostgresSchemaTests {
    @Test func processesConnectingAtOnceMigrateOnce() async throws {
        try await PostgresTestServer.withSchema { schema in
            let stores = try await withThrowingTaskGroup(of: PostgresEventStore.self) { group in
                for _ in 0..<6 { group.addTask { try await schema.store() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for store in stores { #expect(try await store.schemaVersion() == PostgresSchema.migrations.count) }
            let admin = try await schema.admin()
            #expect(
                try await admin.unsafeExecute("SELECT version::text FROM channel_ledger_migrations ORDER BY version")
                    == ["1", "2", "3", "4", "5", "6", "7", "8"])
            let tables = try await admin.unsafeExecute(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = '\(schema.name)' ORDER BY tablename")
            #expect(
                tables == [
                    "channel_ledger_migrations", "checkpoints", "claims", "documents", "events", "leases",
                    "snapshot_marks", "staged_claims", "staged_documents", "staged_rebuilds",
                    "streams", "subject_keys",
                    "work_attempts",
                ])
        }
    }

    @Test func reconnectingPreservesEverything() async throws {
        try await PostgresTestServer.withSchema { schema in
            let projection = ContractProjection()
            let batch = Fixtures.events(3)
            let first = try await schema.store([projection])
            try await first.append(
                [
                    NewEvent(
                        id: UUIDv7.make(), type: ContractProjection.named, schemaVersion: 1,
                        recordedAt: Timestamp(Date()), payload: ContractProjection.namePayload("kept"),
                        metadata: EventMetadata(actor: "a", source: "cli"))
                ], to: Fixtures.stream("a"), expected: .noStream)
            try await first.append(batch, to: Fixtures.stream("b"), expected: .noStream)
            let before = try await Fixtures.log(of: first)
            await first.close()

            let store = try await schema.store([projection])
            #expect(try await Fixtures.log(of: store) == before)
            #expect(try await store.head() == LogHead(position: 4, hash: before[3].hash))
            #expect(
                try await store.claimOwner(ContractProjection.nameKind, value: "kept") == Fixtures.stream("a").rawValue)
            #expect(try await store.checkpoint(projection.name) == 4)
            let again = try await store.append(batch, to: Fixtures.stream("b"), expected: .noStream)
            #expect(again == AppendResult(positions: [2, 3, 4], streamVersion: 3, wasDuplicate: true))
        }
    }

    @Test func aStoreAtSchemaOneGainsTheStagingTables() async throws {
        try await PostgresTestServer.withSchema { schema in
            let projection = ContractProjection()
            let first = try await schema.store([projection])
            try await first.append(Fixtures.events(3), to: Fixtures.stream("a"), expected: .noStream)
            await first.close()
            // Back to what a store migrated by the previous release holds.
            let admin = try await schema.admin()
            for sql in [
                "DROP TABLE staged_rebuilds, staged_documents, staged_claims, subject_keys, leases, work_attempts, snapshot_marks",
                "DROP PROCEDURE channel_ledger_append", "DROP FUNCTION channel_ledger_lock_and_start",
                "DELETE FROM channel_ledger_migrations WHERE version >= 2",
            ] { _ = try await admin.unsafeExecute(sql) }

            let store = try await schema.store([projection])
            #expect(try await store.schemaVersion() == 8)
            #expect(try await store.checkpoint(projection.name) == 3)
            #expect(try await ProjectionRebuild(store: store).run(projection, restart: true) == 3)
            #expect(try await ContractProjection.counter(of: Fixtures.stream("a"), in: store)?.count == 3)
        }
    }

    @Test func aNewerSchemaIsRefused() async throws {
        try await PostgresTestServer.withSchema { schema in
            let admin = try await schema.admin()
            _ = try await admin.unsafeExecute(
                "INSERT INTO channel_ledger_migrations (version, name) VALUES (9, 'future')")
            await #expect(
                throws: PostgresStoreError.newerSchema(
                    server: try PostgresStoreURL(schema.url).description, found: 9, known: 8)
            ) {
                _ = try await schema.store()
            }
        }
    }

    @Test func anotherApplicationsTablesAreLeftAlone() async throws {
        try await PostgresTestServer.withSchema { schema in
            let admin = try await schema.admin()
            let foreign = "f" + schema.name
            _ = try await admin.unsafeExecute("CREATE SCHEMA \(foreign)")
            _ = try await admin.unsafeExecute("CREATE TABLE \(foreign).events (body text)")
            let url = PostgresTestServer.url + (PostgresTestServer.url.contains("?") ? "&" : "?") + "schema=\(foreign)"
            await #expect(throws: PostgresStoreError.notAStore(server: try PostgresStoreURL(url).description)) {
                _ = try await PostgresEventStore.connect(url: url, projections: [], logger: PostgresTestServer.logger)
            }
            let tables = try await admin.unsafeExecute(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = '\(foreign)'")
            _ = try await admin.unsafeExecute("DROP SCHEMA \(foreign) CASCADE")
            #expect(tables == ["events"])
        }
    }

    @Test func theSchemaCarriesTheInvariants() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            let admin = try await schema.admin()
            let statements = [
                "INSERT INTO events SELECT position + 10, gen_random_uuid(), stream_id, version, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
                "INSERT INTO events SELECT position + 10, event_id, stream_id, version + 10, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
                "INSERT INTO events SELECT position, gen_random_uuid(), stream_id, version + 10, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
                "INSERT INTO events SELECT 0, gen_random_uuid(), stream_id, version + 10, type, schema_version, recorded_at, actor, correlation_id, causation_id, source, payload, hash FROM events WHERE position = 1",
                "UPDATE events SET hash = '\\x00' WHERE position = 1",
                "INSERT INTO streams (name, version) VALUES ('test:a', 0)",
                "INSERT INTO claims VALUES ('k', 'v', 'one'), ('k', 'v', 'two')",
            ]
            for sql in statements {
                await #expect(throws: PostgresStoreError.self, "\(sql)") { _ = try await admin.unsafeExecute(sql) }
            }
            #expect(try await Fixtures.log(of: store).count == 2)
        }
    }

    @Test func aChangedPayloadByteIsNamedByTheVerifier() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            for index in 0..<4 {
                try await store.append(Fixtures.events(2), to: Fixtures.stream("\(index)"), expected: .any)
            }
            #expect(try await Fixtures.verify(store).position == 8)
            let admin = try await schema.admin()
            _ = try await admin.unsafeExecute(
                "UPDATE events SET payload = overlay(payload PLACING '\\x20'::bytea FROM 4) WHERE position = 5")
            let error = await #expect(throws: HashChain.ChainBreak.self) { try await Fixtures.verify(store) }
            #expect(error?.position == 5)
            #expect(error?.reason == .hashMismatch)
        }
    }

    @Test func payloadsAreStoredAsTheExactBytesGiven() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store()
            // {"a": 1} (not canonical JSON), then NUL, 0xFF and LF.
            let bytes = Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x20, 0x31, 0x7D, 0x00, 0xFF, 0x0A])
            let event = NewEvent(
                id: UUIDv7.make(), type: "Raw", schemaVersion: 1, recordedAt: Timestamp(millisecondsSince1970: 5),
                payload: bytes, metadata: EventMetadata(actor: "x", source: "cli"))
            try await store.append([event], to: Fixtures.stream("raw"), expected: .noStream)
            let admin = try await schema.admin()
            #expect(try await admin.unsafeExecute("SELECT encode(payload, 'hex') FROM events") == [bytes.hexString])
            #expect(try await store.read(stream: Fixtures.stream("raw")).first?.payload == bytes)
        }
    }
}

/// The roles of Docs/postgres.md: an owner migrates, an application role only reads and writes rows.
@Suite(.postgres) struct PostgresRoleTests {
    @Test func theDocumentedRolesAreEnoughAndEventsStayAppendOnly() async throws {
        try await PostgresTestServer.withSchema { schema in
            let admin = try await PostgresEventStore.connect(
                url: PostgresTestServer.probeURL, projections: [], logger: PostgresTestServer.logger,
                options: .init(maximumConnections: 1, applicationName: "cl-admin-\(schema.name)"))
            let (owner, app) = ("o_\(schema.name)", "a_\(schema.name)")
            let base = try PostgresStoreURL(PostgresTestServer.url)
            func url(_ user: String) -> String {
                "postgres://\(user)@\(base.host):\(base.port)/\(base.database)?schema=\(schema.name)"
            }
            do {
                for sql in [
                    "CREATE ROLE \(owner) LOGIN", "CREATE SCHEMA \(schema.name) AUTHORIZATION \(owner)",
                    "CREATE ROLE \(app) LOGIN",
                ] { _ = try await admin.unsafeExecute(sql) }
                let migrated = try await PostgresEventStore.connect(
                    url: url(owner), projections: [], logger: PostgresTestServer.logger)
                await migrated.close()
                for sql in [
                    "GRANT USAGE ON SCHEMA \(schema.name) TO \(app)",
                    "GRANT SELECT, INSERT ON \(schema.name).events TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE ON \(schema.name).streams TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON \(schema.name).documents, \(schema.name).claims, \(schema.name).checkpoints TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON \(schema.name).staged_rebuilds, \(schema.name).staged_documents, \(schema.name).staged_claims TO \(app)",
                    "GRANT SELECT, INSERT, DELETE ON \(schema.name).subject_keys TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON \(schema.name).leases, \(schema.name).work_attempts TO \(app)",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON \(schema.name).snapshot_marks TO \(app)",
                    "GRANT SELECT ON \(schema.name).channel_ledger_migrations TO \(app)",
                ] { _ = try await admin.unsafeExecute(sql) }

                let store = try await PostgresEventStore.connect(
                    url: url(app), projections: [ContractProjection()], logger: PostgresTestServer.logger)
                do {
                    try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
                    try await store.append(
                        [
                            NewEvent(
                                id: UUIDv7.make(), type: ContractProjection.cleared, schemaVersion: 1,
                                recordedAt: Timestamp(Date()), payload: Data("{}".utf8),
                                metadata: EventMetadata(actor: "a", source: "cli"))
                        ], to: Fixtures.stream("a"), expected: .exact(2))
                    #expect(try await Fixtures.verify(store).position == 3)
                    #expect(try await store.schemaVersion() == 8)
                    #expect(try await ProjectionRebuild(store: store).run(ContractProjection(), restart: true) == 3)
                    let mark = SnapshotMark(
                        position: 2, previous: 0, fingerprint: "roles", latestTime: Timestamp(Date()))
                    try await store.saveSnapshot(
                        mark, changes: [SnapshotRow(kind: .claim, name: "k", key: "v", data: nil)])
                    #expect(try await store.snapshotMarks() == [mark], "as-of snapshots are kept by the application")
                    try await store.dropSnapshots()
                    await #expect(
                        throws: PostgresStoreError.permissionDenied(server: store.url.description, operation: "testing")
                    ) {
                        _ = try await store.unsafeExecute("UPDATE events SET payload = '\\x00' WHERE position = 1")
                    }
                    await #expect(throws: PostgresStoreError.self) {
                        _ = try await store.unsafeExecute("DELETE FROM events")
                    }
                    #expect(try await Fixtures.log(of: store).count == 3)
                } catch {
                    await store.close()
                    throw error
                }
                await store.close()
                // Without CREATE on the database the application role cannot make a store of its own.
                let elsewhere = "postgres://\(app)@\(base.host):\(base.port)/\(base.database)?schema=n_\(schema.name)"
                await #expect(
                    throws: PostgresStoreError.permissionDenied(
                        server: try PostgresStoreURL(elsewhere).description, operation: "migrating")
                ) {
                    _ = try await PostgresEventStore.connect(
                        url: elsewhere, projections: [], logger: PostgresTestServer.logger)
                }
            } catch {
                await Self.dropRoles(owner, app, schema: schema.name, using: admin)
                throw error
            }
            await Self.dropRoles(owner, app, schema: schema.name, using: admin)
        }
    }

    static func dropRoles(_ owner: String, _ app: String, schema: String, using admin: PostgresEventStore) async {
        for sql in [
            "DROP SCHEMA IF EXISTS \(schema) CASCADE", "DROP OWNED BY \(app)", "DROP ROLE IF EXISTS \(app)",
            "DROP OWNED BY \(owner)", "DROP ROLE IF EXISTS \(owner)",
        ] { _ = try? await admin.unsafeExecute(sql) }
        await admin.close()
    }
}
