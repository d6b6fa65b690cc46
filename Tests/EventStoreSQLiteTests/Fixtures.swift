import ChannelLedgerTesting
import EventSourcing
import Foundation

/// Events for the SQLite tests.
enum Fixtures {
    static func stream(_ id: String) -> StreamName {
        StreamName(category: "test", id: id)
    }

    /// `count` counted events with distinct payloads.
    static func events(_ count: Int, type: String = ContractProjection.counted) -> [NewEvent] {
        (0..<count).map { index in
            NewEvent(
                id: UUIDv7.make(), type: type, schemaVersion: 1, recordedAt: Timestamp(Date()),
                payload: Data(#"{"n":\#(index),"pad":"0123456789abcdef0123456789abcdef"}"#.utf8),
                metadata: EventMetadata(actor: "test", correlationID: UUID(), source: "cli"))
        }
    }

    /// The whole log.
    static func log(of store: any EventStore) async throws -> [RecordedEvent] {
        try await store.allEvents()
    }

    /// Walks the log with the chain verifier and returns its head.
    static func verify(_ store: any EventStore) async throws -> LogHead {
        try await store.verifiedHead()
    }

    /// Runs `body` and waits at most `seconds` for it; nil when it has not finished by then. A
    /// caller left waiting forever fails its test instead of hanging the whole run.
    static func finished(
        within seconds: Int, _ body: @escaping @Sendable () async throws -> Void
    ) async -> Result<Void, any Error>? {
        let run = Task { () async -> Result<Void, any Error> in
            do {
                try await body()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        return await run.value(waitingAtMost: .seconds(seconds))
    }
}
