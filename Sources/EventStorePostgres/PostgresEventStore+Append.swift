import EventSourcing
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// Appends a batch to one stream, atomically, under the store's append lock (see ``PostgresAppendTransaction``).
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws
        -> AppendResult
    {
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: try await version(of: stream), wasDuplicate: false)
        }
        try Self.requireStorable(events, in: stream)
        do {
            return try await inTransaction("appending to") { connection in
                try await self.transaction(on: connection, events, to: stream, expected: expected, checkRecorded: false)
                    .run()
            }
        } catch is PostgresAppendTransaction.FastPathMiss {
            // An id of the batch is recorded already: decide with lookups (duplicate, or refused).
            return try await inTransaction("appending to") { connection in
                try await self.transaction(on: connection, events, to: stream, expected: expected, checkRecorded: true)
                    .run()
            }
        }
    }

    /// Appends several batches in one transaction, in order: all are recorded or none. Each
    /// batch looks its ids up first (no fast path), since a rollback would undo the others too.
    @discardableResult
    public func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        for batch in batches { try Self.requireStorable(batch.events, in: batch.stream) }
        return try await inTransaction("appending to") { connection in
            if let head {
                try await connection.run(
                    .sql(
                        "SELECT pg_advisory_xact_lock($1, hashtext($2))", PostgresSchema.appendLockClass,
                        self.url.schema))
                let actual =
                    try await connection.first(
                        .sql("SELECT coalesce(max(position), 0)::bigint FROM events"), as: Int64.self) ?? 0
                guard actual == head else { throw EventStoreError.headMoved(expected: head, actual: actual) }
            }
            var results: [AppendResult] = []
            for batch in batches where !batch.events.isEmpty {
                results.append(
                    try await self.transaction(
                        on: connection, batch.events, to: batch.stream, expected: batch.expected, checkRecorded: true
                    ).run())
            }
            return results
        }
    }

    /// One append on a connection inside a transaction, with this store's projections, schema and hooks.
    private func transaction(
        on connection: PostgresConnection, _ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion,
        checkRecorded: Bool
    ) -> PostgresAppendTransaction {
        PostgresAppendTransaction(
            connection: connection, batch: events, stream: stream, expected: expected, projections: projections,
            schema: url.schema, channel: channel, server: server, hooks: options.hooks, checkRecorded: checkRecorded)
    }

    /// Refuses text PostgreSQL cannot store (U+0000) before anything is sent.
    private static func requireStorable(_ events: [NewEvent], in stream: StreamName) throws {
        try PostgresStoreError.requireNoNUL(stream.rawValue, "stream name")
        for event in events {
            try PostgresStoreError.requireNoNUL(event.type, "event type")
            try PostgresStoreError.requireNoNUL(event.metadata.actor, "actor")
            try PostgresStoreError.requireNoNUL(event.metadata.source, "event source")
        }
    }
}
