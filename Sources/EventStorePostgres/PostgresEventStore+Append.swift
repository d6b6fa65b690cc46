import EventSourcing
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// Appends a batch to one stream, atomically, under the store's append lock (see
    /// ``PostgresAppendTransaction``); appends from concurrent callers of this store share one
    /// transaction (``PostgresGroupCommit``), each with its own verdict.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws
        -> AppendResult
    {
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: try await version(of: stream), wasDuplicate: false)
        }
        try Self.requireStorable(events, in: stream)
        return try await groupCommit.append(.init(events: events, stream: stream, expected: expected)) { group in
            await self.commit(group)
        }
    }

    /// Writes a group of appends: one alone in a transaction of its own, several in one shared
    /// transaction (see ``PostgresGroupCommit``).
    private func commit(_ group: [PostgresGroupCommit.Request]) async -> [Result<AppendResult, any Error>] {
        if group.count == 1 { return [await alone(group[0])] }
        var answerLost = false
        do {
            switch try await appendInOneCall(group) {
            case .written(let results): return results.map { .success($0) }
            case .notWritten, .recordedID: break
            case .answerLost: answerLost = true
            }
        } catch let error as PostgresStoreError {
            switch error {
            case .postgres: break  // perhaps one append's: the transaction tells
            default: return group.map { _ in .failure(error) }  // the lock, the server: every append alike
            }
        } catch {
            return group.map { _ in .failure(error) }
        }
        // The transaction gives each append its verdict; a batch the call recorded meets its ids,
        // then runs alone and finds itself recorded.
        let outcomes = await transactionOutcomes(group)
        guard answerLost else { return outcomes }
        // The call may have committed: a failure of the store (not a verdict) cannot say it did not.
        return outcomes.map { outcome in
            guard case .failure(let error) = outcome, error is PostgresStoreError else { return outcome }
            return .failure(PostgresStoreError.commitOutcomeUnknown(server: server))
        }
    }

    /// A group's verdicts through one shared transaction (each append alone if one fails in a way
    /// that ends it).
    private func transactionOutcomes(_ group: [PostgresGroupCommit.Request]) async -> [Result<AppendResult, any Error>]
    {
        do {
            let (outcomes, known) = try await inTransaction("appending to") { connection in
                var start = try await PostgresGroupStart.readLocked(
                    streams: group.map(\.stream), projections: self.projections, schema: self.url.schema,
                    on: connection)
                var outcomes: [Result<AppendResult, any Error>] = []
                for request in group {
                    do {
                        outcomes.append(try await self.member(request, from: &start, on: connection))
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        throw MemberFailed()
                    }
                }
                return (outcomes, start.known)
            }
            knownHead.withLock { $0 = known }
            return outcomes
        } catch is MemberFailed {
            // One append failed once the group had begun (a write meeting a recorded id, a statement
            // the server refused, a hook, the connection): the group was rolled back and nothing of
            // it committed. Each append runs alone and gets the verdict it gets alone.
            var outcomes: [Result<AppendResult, any Error>] = []
            for request in group { outcomes.append(await alone(request)) }
            return outcomes
        } catch {
            // The lock, the group's read or its COMMIT failed: every append of the group alike.
            return group.map { _ in .failure(error) }
        }
    }

    /// Thrown out of a group's transaction when one of its appends failed in a way that ends it.
    private struct MemberFailed: Error {}

    /// One append of a group, starting where the previous one left `start`. Refused before it
    /// writes, by the client, it fails alone: nothing of it was sent and the transaction goes on.
    private func member(
        _ request: PostgresGroupCommit.Request, from start: inout PostgresGroupStart, on connection: PostgresConnection
    ) async throws -> Result<AppendResult, any Error> {
        let transaction = self.transaction(on: connection, request, checkRecorded: false)
        let prepared: PostgresAppendTransaction.Prepared
        do {
            prepared = try await transaction.prepare(from: start.start(of: request.stream))
        } catch  where !PostgresAppendTransaction.losesTransaction(error) {
            return .failure(
                PostgresStoreError.translating(error, server: server, operation: "appending to", phase: .working))
        }
        switch prepared {
        case .duplicate(let result):
            return .success(result)
        case .write(let rows):
            let result = try await transaction.perform(rows)
            start.advance(past: rows, of: request.stream)
            return .success(result)
        }
    }

    /// The outcome of ``appendAlone(_:)``.
    private func alone(_ request: PostgresGroupCommit.Request) async -> Result<AppendResult, any Error> {
        do {
            return .success(try await appendAlone(request))
        } catch {
            return .failure(error)
        }
    }

    /// One append on its own: in one call of the store's procedure when it applies
    /// (``PostgresAppendCall``), else in a transaction of its own; either way the fast path
    /// first, then with lookups if an id of the batch turns out to be recorded.
    private func appendAlone(_ request: PostgresGroupCommit.Request) async throws -> AppendResult {
        switch try await appendInOneCall([request]) {
        case .written(let results):
            return results[0]
        case .notWritten:
            do {
                return try await appendInTransaction(request, checkRecorded: false)
            } catch is PostgresAppendTransaction.FastPathMiss {}
        case .recordedID:
            break
        case .answerLost:
            return try await decidingLostAnswer { try await self.appendInTransaction(request, checkRecorded: true) }
        }
        // An id of the batch turned out to be recorded on the fast path: decide with lookups.
        return try await appendInTransaction(request, checkRecorded: true)
    }

    /// Decides appends whose call's answer was lost through `lookups` (the path with lookups), which
    /// finds them if the call committed them. A failure of the store there cannot say the call did
    /// not commit: it is ``PostgresStoreError/commitOutcomeUnknown(server:)``; a verdict (a wrong
    /// expected version, say) stands.
    private func decidingLostAnswer<T: Sendable>(_ lookups: () async throws -> T) async throws -> T {
        do {
            return try await lookups()
        } catch is PostgresStoreError {
            throw PostgresStoreError.commitOutcomeUnknown(server: server)
        }
    }

    /// An append in a transaction of its own, remembering where it left the log.
    private func appendInTransaction(_ request: PostgresGroupCommit.Request, checkRecorded: Bool) async throws
        -> AppendResult
    {
        let (result, known) = try await inTransaction("appending to") { connection in
            try await self.transaction(on: connection, request, checkRecorded: checkRecorded).run()
        }
        if let known { knownHead.withLock { $0 = known } }
        return result
    }

    /// What ``appendInOneCall(_:)`` did.
    enum OneCall {
        case written([AppendResult])
        /// Nothing was written: the call did not apply, or what it knew stayed stale.
        case notWritten
        /// An id of a batch is recorded already: nothing was written.
        case recordedID
        /// The connection was lost after the call was sent: it may have committed.
        case answerLost
    }

    /// How many calls an append makes before taking the transactional path: a stale answer
    /// brings what the next call needs, so a second fails only if another process appended between the two.
    private static let callAttempts = 2

    /// Appends in one call of the store's procedure (``PostgresAppendCall``), all or none, from the
    /// head this process last saw, or, if it has seen none, from the head read first without the
    /// lock. Streams are taken to be where the appends' expectations put them, then where a stale
    /// answer says. Nothing is written when the call does not apply, when an expectation fails
    /// against what the server answered (the transactional path then gives each append its
    /// verdict) or when another process keeps appending between calls.
    ///
    /// With `head`, the appends are written only if the log ends there (``append(batches:atHead:)``):
    /// a log found elsewhere is not written to, and the transaction then reports it.
    func appendInOneCall(_ appends: [PostgresGroupCommit.Request], atHead head: Int64? = nil) async throws
        -> OneCall
    {
        guard options.hooks.beforeCommit == nil else { return .notWritten }
        do {
            return try await withConnection { connection in
                var versions: [String: Int64] = [:]
                var known: PostgresKnownHead
                if let remembered = self.knownHead.current, head == nil || remembered.head.position == head {
                    known = remembered
                } else {
                    let start = try await PostgresGroupStart.read(
                        streams: appends.map(\.stream), projections: self.projections, on: connection)
                    (known, versions) = (start.known, Self.versions(of: appends, in: start.versions))
                    if let head, known.head.position != head { return .notWritten }
                }
                for _ in 0..<Self.callAttempts {
                    guard
                        let call = PostgresAppendCall(
                            appends, versions: versions, known: known, projections: self.projections,
                            schema: self.url.schema, channel: self.channel, server: self.server)
                    else { return .notWritten }
                    switch try await call.run(on: connection) {
                    case .written(let results, let after):
                        self.knownHead.withLock { $0 = after }
                        self.callCounts.withLock { $0.written += 1 }
                        return .written(results)
                    case .stale(let actual):
                        self.knownHead.withLock { $0 = actual.known }
                        self.callCounts.withLock { $0.stale += 1 }
                        if let head, actual.head.position != head { return .notWritten }
                        (known, versions) = (actual.known, Self.versions(of: appends, in: actual.versions))
                    }
                }
                return .notWritten
            }
        } catch is PostgresAppendTransaction.FastPathMiss {
            return .recordedID
        } catch {
            let translated = PostgresStoreError.translating(
                error, server: server, operation: "appending to", phase: .working)
            switch translated as? PostgresStoreError {
            // The call may have committed before its answer was lost, or before a cancel or a
            // statement timeout stopped the procedure after its COMMIT: the lookups will tell.
            case .connectionLost?, .postgres(_, "57014", _)?, .unreadableValue?: return .answerLost
            default: throw translated
            }
        }
    }

    /// The version of every stream of `appends` by name, as the server found them (0: absent).
    private static func versions(of appends: [PostgresGroupCommit.Request], in found: [String: Int64])
        -> [String: Int64]
    {
        Dictionary(
            appends.map { ($0.stream.rawValue, found[$0.stream.rawValue] ?? 0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Appends several batches in one transaction, in order: all are recorded or none. Batches
    /// that carry no subject keys and change no read model (an import's chunk, once it has marked
    /// the read models for rebuilding) are one call of the store's procedure (``PostgresAppendCall``).
    /// Otherwise the lock is taken and where each stream starts read once, then each batch costs
    /// its write, on the fast path (no lookups). Should an id of one turn out to be recorded
    /// already, the whole transaction rolls back and runs again with every batch looking its ids up first.
    @discardableResult
    public func append(batches: [StreamBatch], atHead head: Int64?) async throws -> [AppendResult] {
        for batch in batches {
            try Self.requireStorable(batch.events, in: batch.stream)
            for subject in batch.keys.map(\.subject) + batch.forgetting {
                try PostgresStoreError.requireNoNUL(subject, "subject")
            }
        }
        let writing = batches.filter { !$0.events.isEmpty }
        if !writing.isEmpty, writing.allSatisfy({ $0.keys.isEmpty && $0.forgetting.isEmpty }) {
            let appends = writing.map {
                PostgresGroupCommit.Request(events: $0.events, stream: $0.stream, expected: $0.expected)
            }
            switch try await appendInOneCall(appends, atHead: head) {
            case .written(let results): return results
            case .notWritten: break
            case .recordedID: return try await append(batches: batches, atHead: head, checkRecorded: true)
            case .answerLost:
                return try await decidingLostAnswer {
                    try await self.append(batches: batches, atHead: head, checkRecorded: true)
                }
            }
        }
        do {
            return try await append(batches: batches, atHead: head, checkRecorded: false)
        } catch is PostgresAppendTransaction.FastPathMiss {
            return try await append(batches: batches, atHead: head, checkRecorded: true)
        }
    }

    /// One try of ``append(batches:atHead:)``: on the fast path, or looking ids up first (after a
    /// recorded id, or a call whose answer was lost: batches all recorded then pass a moved head).
    func append(batches: [StreamBatch], atHead head: Int64?, checkRecorded: Bool) async throws
        -> [AppendResult]
    {
        let (results, known) = try await inTransaction("appending to") { connection in
            var start = try await PostgresGroupStart.readLocked(
                streams: batches.map(\.stream), projections: self.projections, schema: self.url.schema,
                on: connection)
            if let head, start.head.position != head {
                // Unless every batch is recorded already (a call whose answer was lost wrote them),
                // the log moved under the caller.
                guard checkRecorded, try await Self.areRecorded(batches, on: connection) else {
                    throw EventStoreError.headMoved(expected: head, actual: start.head.position)
                }
            }
            var results: [AppendResult] = []
            for batch in batches where !batch.events.isEmpty {
                try await Self.store(batch.keys, on: connection)
                let transaction = self.transaction(
                    on: connection, batch.events, to: batch.stream, expected: batch.expected,
                    checkRecorded: checkRecorded)
                switch try await transaction.prepare(from: start.start(of: batch.stream)) {
                case .duplicate(let result):
                    results.append(result)
                case .write(let rows):
                    results.append(try await transaction.perform(rows))
                    start.advance(past: rows, of: batch.stream)
                }
                for subject in batch.forgetting {
                    try await connection.run(.sql("DELETE FROM subject_keys WHERE subject = $1", subject))
                }
            }
            return (results, start.known)
        }
        knownHead.withLock { $0 = known }
        return results
    }

    /// Whether every event of `batches` is recorded.
    private static func areRecorded(_ batches: [StreamBatch], on connection: PostgresConnection) async throws
        -> Bool
    {
        let ids = batches.flatMap { $0.events.map(\.id) }
        let found = try await connection.first(
            .sql("SELECT count(*) FROM events WHERE event_id = ANY($1)", ids), as: Int64.self)
        return found == Int64(ids.count)
    }

    /// A queued append on a connection inside a transaction.
    private func transaction(
        on connection: PostgresConnection, _ request: PostgresGroupCommit.Request, checkRecorded: Bool
    ) -> PostgresAppendTransaction {
        transaction(
            on: connection, request.events, to: request.stream, expected: request.expected,
            checkRecorded: checkRecorded)
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

    /// Stores subject keys inside the caller's transaction: the same bytes again are absorbed, other
    /// bytes refused (``EventStoreError/subjectKeyConflict(subject:)``). A racing insert of the same
    /// subject waits for the other transaction, then reads what it committed.
    private static func store(_ keys: [SubjectKey], on connection: PostgresConnection) async throws {
        for key in keys {
            try await connection.run(
                .sql(
                    "INSERT INTO subject_keys (subject, sealed) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING",
                    key.subject, key.sealed))
            let stored = try await connection.first(
                .sql("SELECT sealed FROM subject_keys WHERE subject = $1", key.subject), as: Data.self)
            guard stored == key.sealed else { throw EventStoreError.subjectKeyConflict(subject: key.subject) }
        }
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

extension PostgresEventStore {
    /// Rewrites the keys' table (`VACUUM FULL subject_keys`), so a deleted key leaves its current
    /// files; the server's write-ahead log and base backups keep it until they are recycled.
    /// Only the table's owner may: for another role the outcome names the statement to run.
    public func scrub() async throws -> ScrubOutcome {
        let table = "\(url.schema).subject_keys"
        return try await reading("scrubbing") { connection in
            // VACUUM by a role that does not own the table only warns and skips it: ask first.
            let owns = try await connection.first(
                .sql(
                    "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = $1::regclass",
                    table), as: Bool.self)
            guard owns == true else { return .needsOwner(statement: "VACUUM FULL \(table)") }
            try await connection.run(PostgresQuery(unsafeSQL: "VACUUM FULL \(table)"))
            return .completed
        }
    }
}
