import EventSourcing
import Foundation
import Testing

/// The behaviour every ``EventStore`` must share, run unchanged against each store.
///
/// Each check is a public method (and a ``Check`` case) so a test target can expose them as
/// separate tests: `@Test(arguments: EventStoreContract.Check.allCases)`. Every check asks
/// `makeStore` for a fresh, empty store with the given inline projections.
public struct EventStoreContract: Sendable {
    /// Makes a fresh, empty store running the given inline projections.
    public typealias MakeStore = @Sendable ([any Projection]) async throws -> any EventStore

    let makeStore: MakeStore

    /// A contract over stores made by `makeStore`.
    public init(makeStore: @escaping MakeStore) {
        self.makeStore = makeStore
    }

    /// One check of the contract.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        case ordering, paging, expectedVersion, injectedConflict, idempotentReappend, duplicateIDWithOtherContent
        case partiallyRecordedBatch, repeatedIDInBatch, batchAtomicity, projectionFailureRollsBack, hashChain
        case inlineProjections, claimConflict, emptyBatch, envelopeRoundTrip, textWithNUL, concurrentAppends

        public var description: String { rawValue }
    }

    /// Runs one check.
    public func run(_ check: Check) async throws {
        switch check {
        case .ordering: try await ordering()
        case .paging: try await paging()
        case .expectedVersion: try await expectedVersion()
        case .injectedConflict: try await injectedConflict()
        case .idempotentReappend: try await idempotentReappend()
        case .duplicateIDWithOtherContent: try await duplicateIDWithOtherContent()
        case .partiallyRecordedBatch: try await partiallyRecordedBatch()
        case .repeatedIDInBatch: try await repeatedIDInBatch()
        case .batchAtomicity: try await batchAtomicity()
        case .projectionFailureRollsBack: try await projectionFailureRollsBack()
        case .hashChain: try await hashChain()
        case .inlineProjections: try await inlineProjections()
        case .claimConflict: try await claimConflict()
        case .emptyBatch: try await emptyBatch()
        case .envelopeRoundTrip: try await envelopeRoundTrip()
        case .textWithNUL: try await textWithNUL()
        case .concurrentAppends: try await concurrentAppends()
        }
    }

    /// Runs every check in turn.
    public func runAll() async throws {
        for check in Check.allCases { try await run(check) }
    }

    // MARK: - Fixtures

    /// A stream name for the contract's own events.
    static func stream(_ id: String) -> StreamName {
        StreamName(category: "contract", id: id)
    }

    /// An event counted by ``ContractProjection``, with a time-ordered id.
    static func event(
        _ type: String = ContractProjection.counted, payload: Data = Data(#"{"n":1}"#.utf8), id: UUID = UUIDv7.make()
    ) -> NewEvent {
        NewEvent(
            id: id, type: type, schemaVersion: 1, recordedAt: Timestamp(millisecondsSince1970: 1_764_387_887_123),
            payload: payload, metadata: EventMetadata(actor: "contract", source: "cli"))
    }

    /// `count` counted events with distinct payloads.
    static func events(_ count: Int) -> [NewEvent] {
        (0..<count).map { event(payload: Data(#"{"n":\#($0)}"#.utf8)) }
    }

    /// The whole log, read one event at a time through ``EventStore/events(after:batchSize:)``.
    static func log(of store: any EventStore) async throws -> [RecordedEvent] {
        var all: [RecordedEvent] = []
        for try await event in store.events(after: 0, batchSize: 7) { all.append(event) }
        return all
    }

    /// Everything a failed append must leave untouched.
    struct Snapshot: Equatable {
        var head: LogHead
        var log: [RecordedEvent]
        var checkpoint: Int64
        var counters: [ReadModelDocument]

        init(of store: any EventStore) async throws {
            head = try await store.head()
            log = try await EventStoreContract.log(of: store)
            checkpoint = try await store.checkpoint(ContractProjection().name)
            counters = try await store.documents(ContractProjection.model)
        }
    }

    /// Expects `body` to throw exactly `error` and to leave the store as it was.
    func expectRefused(
        _ error: EventStoreError, by store: any EventStore, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async throws {
        let before = try await Snapshot(of: store)
        await #expect(throws: error, sourceLocation: sourceLocation) { try await body() }
        let after = try await Snapshot(of: store)
        #expect(after == before, "a refused append changed the store", sourceLocation: sourceLocation)
    }
}
