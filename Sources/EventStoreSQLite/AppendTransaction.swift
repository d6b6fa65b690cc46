import EventSourcing
import Foundation
import GRDB

/// One append, run inside a `BEGIN IMMEDIATE` transaction on the writer connection.
///
/// Fast path: when the expected version matches `streams.version`, insert straight away
/// inside a savepoint. Only when an insert hits `UNIQUE(event_id)` (or the version does
/// not match) is the savepoint rolled back and ``AppendPlan`` run with real lookups, so
/// the outcome is always exactly what `AppendPlan` decides. Hashes chain from the head the
/// transaction's ``AppendChain`` holds; inline projections are applied in it too, and the chain
/// moves their checkpoints once the transaction's last append is done.
struct AppendTransaction {
    let db: Database
    let batch: [NewEvent]
    let stream: StreamName
    let expected: ExpectedVersion
    let path: String

    /// Thrown inside the savepoint when the fast path must give way to ``AppendPlan``.
    private struct FastPathMiss: Error {}

    /// What a write recorded.
    private struct Written {
        var positions: [Int64] = []
        var streamVersion: Int64 = 0
        var records: [RecordedEvent] = []
        /// The last event's hash.
        var hash = Data()
        /// The projections this append keeps current (see ``SQLiteReadModelWriter/currentProjections``).
        var projections: [any Projection] = []
    }

    /// Appends the batch, or reports the original positions of an identical recorded batch; the
    /// chain then holds the new head. A throw leaves the chain where it was.
    func run(_ chain: inout AppendChain) throws -> AppendResult {
        let current = try streamRow()
        let currentVersion = current?.version ?? 0
        if expected.accepts(currentVersion) {
            do {
                let written = try db.inPreparedSavepoint("fast_path") {
                    try write(firstVersion: currentVersion + 1, streamID: current?.id, fastPath: true, &chain)
                }
                return try finish(written, &chain)
            } catch is FastPathMiss {
                // An event id is already recorded (or repeated): AppendPlan decides below.
            }
        }
        let plan = try AppendPlan.make(
            for: batch, to: stream, expected: expected, currentVersion: currentVersion, recorded: recordedEvent)
        switch plan {
        case .duplicate(let result):
            return result
        case .write(let firstVersion):
            return try finish(
                write(firstVersion: firstVersion, streamID: current?.id, fastPath: false, &chain), &chain)
        }
    }

    /// Inserts the batch at `firstVersion`, chaining hashes from the chain's head (which it does not move).
    private func write(firstVersion: Int64, streamID: Int64?, fastPath: Bool, _ chain: inout AppendChain) throws
        -> Written
    {
        let streamID = try streamID ?? insertStream()
        let head = try chain.head(db)
        var (position, previous) = (head.position, head.hash)
        var written = Written()
        written.projections = try chain.currentProjections(db)
        let insert = try EventRowInserter(db)
        written.positions.reserveCapacity(batch.count)
        let keepRecords = !written.projections.isEmpty
        var version = firstVersion - 1
        for event in batch {
            position += 1
            version += 1
            let hash = HashChain.hash(
                previous: previous, position: position, id: event.id, stream: stream.rawValue, version: version,
                type: event.type, schemaVersion: event.schemaVersion, recordedAt: event.recordedAt,
                metadata: event.metadata, payload: event.payload)
            do {
                try insert.insert(event, position: position, streamID: streamID, version: version, hash: hash)
            } catch let error as DatabaseError where fastPath && Self.isUniqueViolation(error) {
                throw FastPathMiss()
            }
            written.positions.append(position)
            if keepRecords {
                written.records.append(
                    RecordedEvent(
                        id: event.id, stream: stream, version: version, position: position, type: event.type,
                        schemaVersion: event.schemaVersion, recordedAt: event.recordedAt, payload: event.payload,
                        metadata: event.metadata, hash: hash))
            }
            previous = hash
        }
        try db.cachedStatement(sql: "UPDATE streams SET version = ? WHERE id = ?")
            .execute(arguments: [version, streamID])
        written.streamVersion = version
        written.hash = previous
        return written
    }

    /// Applies the inline projections, then, as its last step, moves the chain to the batch's last event.
    private func finish(_ written: Written, _ chain: inout AppendChain) throws -> AppendResult {
        if !written.records.isEmpty {
            let models = SQLiteReadModelWriter(db)
            for projection in written.projections { try projection.apply(written.records, to: models) }
        }
        if let last = written.positions.last { chain.wrote(through: last, hash: written.hash) }
        return AppendResult(positions: written.positions, streamVersion: written.streamVersion, wasDuplicate: false)
    }

    private func streamRow() throws -> (id: Int64, version: Int64)? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, version FROM streams WHERE name = CAST(? AS TEXT)"),
            arguments: [SQLiteText.bind(stream.rawValue)])
        guard let row else { return nil }
        return (try row.decode(atIndex: 0), try row.decode(atIndex: 1))
    }

    private func insertStream() throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO streams (name, version) VALUES (CAST(? AS TEXT), 0)")
            .execute(arguments: [SQLiteText.bind(stream.rawValue)])
        return db.lastInsertedRowID
    }

    private func recordedEvent(_ event: NewEvent) throws -> RecordedEvent? {
        var decoder = EventRowDecoder(path: path)
        return try db.cachedStatement(sql: EventRowDecoder.byIDSQL).firstRow(arguments: [event.id]) {
            try decoder.decode($0)
        }
    }

    private static func isUniqueViolation(_ error: DatabaseError) -> Bool {
        error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }
}
