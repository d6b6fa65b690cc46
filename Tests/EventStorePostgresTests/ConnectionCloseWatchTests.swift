import ChannelLedgerTesting
import EventSourcing
import Foundation
import PostgresNIO
import Testing

@_spi(Testing) @testable import EventStorePostgres

/// A statement's caller never waits on a connection that has closed (postgres-nio hands a
/// prepared statement sent after the close to nobody).
@Suite(.postgres, .timeLimit(.minutes(1))) struct ConnectionCloseWatchTests {
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
            let watch = ConnectionCloseWatch()
            let (released, release) = AsyncStream<Void>.makeStream()
            defer { release.finish() }
            let outcome = Locked<String?>(nil)
            try await store.unsafeWithConnection { connection in
                Task {
                    do {
                        _ = try await watch.run(on: connection, Self.neverEnding(released))
                        outcome.withLock { $0 = "ended" }
                    } catch {
                        outcome.withLock { $0 = "\(type(of: error))" }
                    }
                }
                while watch.watchedConnections == 0 { await Task.yield() }
                try await connection.close()
            }
            // The close ends the wait within milliseconds; a caller still waiting after 10 s waits forever.
            for _ in 0..<1000 where outcome.current == nil { try await Task.sleep(for: .milliseconds(10)) }
            #expect(outcome.current == "ConnectionClosed")
            #expect(watch.watchedConnections == 0)
        }
    }

    @Test func aClosedConnectionIsRefusedWithoutRunningTheStatement() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = ConnectionCloseWatch()
            let ran = Locked(false)
            let refused = try await store.unsafeWithConnection { connection in
                try await connection.close()
                do {
                    _ = try await watch.run(on: connection) {
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
            #expect(watch.watchedConnections == 0)
        }
    }

    @Test func statementsRunToTheirEndAndEachConnectionIsWatchedOnce() async throws {
        try await PostgresTestServer.withSchema { schema in
            let store = try await schema.store([], options: .init(maximumConnections: 1))
            let watch = ConnectionCloseWatch()
            let values = try await store.unsafeWithConnection { connection in
                var values: [Int64] = []
                for n in 0..<50 {
                    let rows = try await watch.run(on: connection) {
                        try await connection.fetch(.sql("SELECT $1::bigint", Int64(n)))
                    }
                    values.append(try rows[0].decode(Int64.self))
                }
                #expect(watch.watchedConnections == 1)
                return values
            }
            #expect(values == Array(0..<50))
            // A statement's error reaches its caller as it is.
            let sqlState = try await store.unsafeWithConnection { connection in
                do {
                    _ = try await watch.run(on: connection) { try await connection.fetch("SELECT 1/0") }
                    return "none"
                } catch let error as PSQLError {
                    return error.serverInfo?[.sqlState] ?? "no state"
                }
            }
            #expect(sqlState == "22012")
        }
    }
}

@Suite struct PreparedStatementTests {
    static func name<Text: PreparedText>(_ text: Text.Type) -> String { PreparedStatement<Text>.name }

    @Test func everyPreparedStatementHasItsOwnNameWithinPostgreSQLsLimit() {
        let texts: [any PreparedText.Type] = [
            PostgresAppendTransaction.AppendLock.self, PostgresGroupStart.StartQuery.self,
            PostgresAppendTransaction.WriteToNewStream.self,
            PostgresAppendTransaction.WriteToNewStreamWithReadModels.self,
            PostgresAppendTransaction.WriteToExistingStream.self,
            PostgresAppendTransaction.WriteToExistingStreamWithReadModels.self,
        ]
        let names = texts.map { Self.name($0) }
        #expect(Set(names).count == texts.count)
        // PostgreSQL keeps the first 63 bytes of a name: those must differ too.
        #expect(Set(names.map { $0.utf8.prefix(63).map { $0 } }).count == texts.count)
        for name in names { #expect(name.utf8.count <= 63) }
    }
}
