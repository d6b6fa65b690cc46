import ChannelLedgerTesting
import EventSourcing
import EventStorePostgres
import Foundation

/// Events for the PostgreSQL tests.
enum Fixtures {
    static func stream(_ id: String) -> StreamName {
        StreamName(category: "test", id: id)
    }

    /// `count` counted events of about 200 bytes with distinct payloads.
    static func events(_ count: Int, type: String = ContractProjection.counted) -> [NewEvent] {
        (0..<count).map { index in
            NewEvent(
                id: UUIDv7.make(), type: type, schemaVersion: 1, recordedAt: Timestamp(Date()),
                payload: Data(
                    #"{"n":\#(index),"pad":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}"#
                        .utf8),
                metadata: EventMetadata(actor: "test", correlationID: UUID(), source: "cli"))
        }
    }

    /// The whole log.
    static func log(of store: any EventStore) async throws -> [RecordedEvent] {
        try await store.allEvents()
    }

    /// Appends as `append` does, trying again (up to 50 times) while the server answers busy: with
    /// a lock timeout of a few hundred milliseconds, a commit can also time out waiting for
    /// PostgreSQL's database-wide NOTIFY lock, which other tests' commits hold through their WAL
    /// flush. A store whose connection a failure broke fails every time.
    static func appendPatiently(
        _ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion, in store: PostgresEventStore
    ) async throws -> AppendResult {
        for _ in 1..<50 {
            do {
                return try await store.append(events, to: stream, expected: expected)
            } catch PostgresStoreError.busy {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return try await store.append(events, to: stream, expected: expected)
    }

    /// Walks the log with the chain verifier and returns its head.
    static func verify(_ store: any EventStore) async throws -> LogHead {
        try await store.verifiedHead()
    }
}
