import ChannelLedgerTesting
import EventSourcing
import Foundation
import PostgresNIO
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// A prepared statement's caller never waits on a connection that has closed (postgres-nio hands
/// a statement sent after the close to nobody), and a failed preparation does not stay with the
/// connection (postgres-nio would repeat its error for every later use).
@Suite(.postgres, .timeLimit(.minutes(1))) struct PreparedStatementWatchTests {
    /// A statement that never ends, as one handed to nobody: it waits until the test releases it.
    static func neverEnding(_ released: AsyncStream<Void>) -> @Sendable () async throws -> [PostgresRow] {
        { () async throws -> [PostgresRow] in
            for await _ in released {}
            return []
        }
    }

    @Test func aStatementStillWaitingWhenItsConnectionClosesFailsAtTheClose() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = PreparedStatementWatch()
            let (released, release) = AsyncStream<Void>.makeStream()
            defer { release.finish() }
            let outcome = Locked<String?>(nil)
            try await store.unsafeWithConnection { connection in
                Task {
                    do {
                        _ = try await watch.run("test", on: connection, Self.neverEnding(released))
                        outcome.withLock { $0 = "ended" }
                    } catch {
                        outcome.withLock { $0 = "\(type(of: error))" }
                    }
                }
                while watch.counts.connections == 0 { await Task.yield() }
                try await connection.close()
            }
            // The close ends the wait within milliseconds; a caller still waiting after 10 s waits forever.
            for _ in 0..<1000 where outcome.current == nil { try await Task.sleep(for: .milliseconds(10)) }
            #expect(outcome.current == "ConnectionClosed")
            #expect(watch.counts.connections == 0)
        }
    }

    @Test func aClosedConnectionIsRefusedWithoutRunningTheStatement() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = PreparedStatementWatch()
            let ran = Locked(false)
            let refused = try await store.unsafeWithConnection { connection in
                try await connection.close()
                do {
                    _ = try await watch.run("test", on: connection) {
                        ran.withLock { $0 = true }
                        return []
                    }
                    return false
                } catch {
                    return error is ConnectionClosed
                }
            }
            #expect(refused)
            #expect(!ran.current)
            #expect(watch.counts.connections == 0)
        }
    }

    @Test func statementsRunToTheirEndAndEachConnectionIsWatchedOnce() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = PreparedStatementWatch()
            let values = try await store.unsafeWithConnection { connection in
                var values: [Int64] = []
                for n in 0..<50 {
                    let rows = try await watch.run("test", on: connection) {
                        try await connection.fetch(.sql("SELECT $1::bigint", Int64(n)))
                    }
                    values.append(try rows[0].decode(Int64.self))
                }
                #expect(watch.counts.connections == 1)
                #expect(watch.counts.waiting == 0)
                return values
            }
            #expect(values == Array(0..<50))
            // A statement's error reaches its caller as it is.
            let sqlState = try await store.unsafeWithConnection { connection in
                do {
                    _ = try await watch.run("test", on: connection) { try await connection.fetch("SELECT 1/0") }
                    return "none"
                } catch let error as PSQLError {
                    return error.serverInfo?[.sqlState] ?? "no state"
                }
            }
            #expect(sqlState == "22012")
        }
    }

    @Test func aPreparationThatMetALockedTableDoesNotBreakTheConnection() async throws {
        try await PostgresTestServer.withSchema { schema in
            var options = PostgresStoreOptions(maximumConnections: 1)
            options.lockTimeout = .milliseconds(200)
            let store = try await schema.store([ContractProjection()], options: options)
            let admin = try await schema.admin()
            // Another session holds the events table (as a migration's ALTER TABLE would) while the
            // store's only connection prepares its start query for the first time.
            let (locked, signalLocked) = AsyncStream<Void>.makeStream()
            let (release, signalRelease) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await admin.unsafeWithConnection { connection in
                    try await connection.run("BEGIN")
                    try await connection.run("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
                    signalLocked.yield()
                    for await _ in release {}
                    try await connection.run("COMMIT")
                }
            }
            for await _ in locked { break }
            await #expect(throws: PostgresStoreError.busy(server: store.server)) {
                try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream)
            }
            signalRelease.finish()
            try await holder.value
            let result = try await Fixtures.appendPatiently(
                Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream, in: store)
            #expect(result.positions == [1, 2])
            #expect(try await Fixtures.verify(store) == store.head())
        }
    }

    @Test func onlyAFirstFailureThatPreparingCouldCauseClosesTheConnection() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = PreparedStatementWatch()
            let outcomes = try await store.unsafeWithConnection { connection in
                func failing(_ name: String, _ sql: String, closing: Bool = true) async -> Bool {
                    let threw =
                        (try? await watch.run(name, on: connection, closingOnFirstFailure: closing) {
                            try await connection.fetch(PostgresQuery(unsafeSQL: sql))
                        }) == nil
                    #expect(threw, "\(sql) should fail")
                    // A close is asked for before the caller resumes; give it time to land.
                    for _ in 0..<100 where !connection.isClosed { try? await Task.sleep(for: .milliseconds(5)) }
                    return connection.isClosed
                }
                var outcomes: [String: Bool] = [:]
                outcomes["data error, first use"] = await failing("data", "SELECT 1/0")
                _ = try await watch.run("used", on: connection) { try await connection.fetch("SELECT 1") }
                outcomes["syntax error after a success"] = await failing("used", "SELEC 1")
                outcomes["syntax error, not a preparation that may fail"] = await failing(
                    "lock", "SELEC 1", closing: false)
                outcomes["syntax error, first use"] = await failing("syntax", "SELEC 1")
                return outcomes
            }
            #expect(
                outcomes == [
                    "data error, first use": false, "syntax error after a success": false,
                    "syntax error, not a preparation that may fail": false, "syntax error, first use": true,
                ])
        }
    }
}
