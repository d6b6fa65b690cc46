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

    /// Opens a store again with other inline projections, as a newer version of the code would.
    public typealias Reopen = @Sendable (any EventStore, [any Projection]) async throws -> any EventStore

    let makeStore: MakeStore
    let reopen: Reopen?

    /// A contract over stores made by `makeStore`; without `reopen`, the checks that need one fail.
    public init(reopen: Reopen? = nil, makeStore: @escaping MakeStore) {
        self.makeStore = makeStore
        self.reopen = reopen
    }

    /// One check of the contract.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        /// Positions are gap-free across streams; versions are 1-based per stream.
        case ordering
        /// `readAll(after:limit:)` pages by position and `events(after:)` streams the log in batches.
        case paging
        /// `read(stream:after:limit:)` pages through one stream; the pages are the stream.
        case streamPages
        /// The store's aggregate counts, where it has them, equal reading and counting the events.
        case eventCounts
        /// `.noStream`, `.exact` and `.any` are checked against the stream's version.
        case expectedVersion
        /// An append at a version another writer has since moved past is refused.
        case injectedConflict
        /// Re-appending a recorded batch returns its original positions.
        case idempotentReappend
        /// A recorded id with other content is refused, before the version check.
        case duplicateIDWithOtherContent
        /// A batch of which only some ids are recorded is refused whole.
        case partiallyRecordedBatch
        /// An id repeated within one batch is refused before anything else is checked.
        case repeatedIDInBatch
        /// A batch that fails on its last event writes none of its events.
        case batchAtomicity
        /// A throwing projection rolls back the whole batch and its error reaches the caller.
        case projectionFailureRollsBack
        /// Every hash chains from the one before it; the head and the verifier agree.
        case hashChain
        /// Documents, claims and checkpoints are written with each batch.
        case inlineProjections
        /// A claim held by another stream refuses the whole batch.
        case claimConflict
        /// An empty batch writes nothing and reports the stream's version.
        case emptyBatch
        /// Every envelope field reads back exactly as appended.
        case envelopeRoundTrip
        /// Text containing U+0000 reads back exactly, or the append is refused.
        case textWithNUL
        /// Concurrent writers lose nothing, and of racing `.noStream` appends exactly one wins.
        case concurrentAppends
        /// A subscription catches up, follows new commits in order and ends when cancelled.
        case subscription
        /// Several streams' batches in one call are recorded in order, all or none.
        case multiStreamAppend
        /// Subject keys are written with the first batch that uses them, atomically, never replaced.
        case subjectKeys
        /// A lease has one holder until it expires; its holder renews and releases it; racers get one winner.
        case leases
        /// Attempts of leased work are kept per subject, replaced, forgotten, and never in the log.
        case workAttempts
        /// As-of snapshots keep each row's latest change per mark, apart from the log.
        case snapshots
        /// Documents and claims are read a page at a time, by key and by value within a prefix.
        case readModelPages
        /// A rebuild reproduces the inline read models exactly and swaps them in.
        case rebuildMatchesInline
        /// Staged rebuilds stay hidden, resume after a takeover, refuse gaps and catch up when swapped.
        case rebuildResumesAndSwaps
        /// A projection version change stops inline updates until a rebuild swaps new models in.
        case versionChangeWaitsForRebuild
        /// Invalidated models are left alone by appends, even in an empty log, until a rebuild.
        case invalidationWaitsForRebuild

        /// The case name, as test output shows it.
        public var description: String { rawValue }
    }

    /// Runs one check.
    public func run(_ check: Check) async throws {
        switch check {
        case .ordering: try await ordering()
        case .paging: try await paging()
        case .streamPages: try await streamPages()
        case .eventCounts: try await eventCounts()
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
        case .subscription: try await subscription()
        case .multiStreamAppend: try await multiStreamAppend()
        case .subjectKeys: try await subjectKeys()
        case .leases: try await leases()
        case .workAttempts: try await workAttempts()
        case .snapshots: try await snapshots()
        case .readModelPages: try await readModelPages()
        case .rebuildMatchesInline: try await rebuildMatchesInline()
        case .rebuildResumesAndSwaps: try await rebuildResumesAndSwaps()
        case .versionChangeWaitsForRebuild: try await versionChangeWaitsForRebuild()
        case .invalidationWaitsForRebuild: try await invalidationWaitsForRebuild()
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
