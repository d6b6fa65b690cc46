import EventSourcing
import Foundation
import GRDBSQLite

/// The reference: the same work through SQLite's C API with prepared statements and no framework.
final class RawSQLite {
    private var db: OpaquePointer?
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(path: String, synchronous: String = "FULL") throws {
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        try exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=\(synchronous);")
    }

    deinit { sqlite3_close(db) }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else {
            throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(db)))")
        }
        return statement
    }

    /// raw-same: the store's own events/streams schema, the same rows, the same batch size.
    static let sameSchema = """
        CREATE TABLE streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
        CREATE TABLE events (
            position INTEGER PRIMARY KEY, event_id BLOB NOT NULL UNIQUE, stream_id INTEGER NOT NULL,
            version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL, actor TEXT NOT NULL, correlation_id BLOB, causation_id BLOB,
            source TEXT NOT NULL, payload BLOB NOT NULL, hash BLOB NOT NULL, UNIQUE (stream_id, version));
        """

    /// raw-limit: the same bytes into a table with only a rowid key.
    static let limitSchema = "CREATE TABLE events (payload BLOB NOT NULL, event_id BLOB NOT NULL, hash BLOB NOT NULL);"

    /// An event's row in the store's schema (``sameSchema``), as raw-same writes it.
    static let insertEvent =
        "INSERT INTO events (event_id, stream_id, version, type, schema_version, recorded_at, actor, source, payload, hash) VALUES (?,?,?,?,?,?,?,?,?,?)"

    /// Binds an event's row to ``insertEvent`` and inserts it.
    private func insertEvent(
        _ insert: OpaquePointer?, _ event: NewEvent, streamID: Int64, version: Int64, at time: Timestamp, hash: Data
    ) throws {
        bind(insert, 1, uuid: event.id)
        sqlite3_bind_int64(insert, 2, streamID)
        sqlite3_bind_int64(insert, 3, version)
        sqlite3_bind_text(insert, 4, event.type, -1, Self.transient)
        sqlite3_bind_int64(insert, 5, 1)
        sqlite3_bind_int64(insert, 6, time.millisecondsSince1970)
        sqlite3_bind_text(insert, 7, "bench", -1, Self.transient)
        sqlite3_bind_text(insert, 8, "bench", -1, Self.transient)
        bind(insert, 9, data: event.payload)
        bind(insert, 10, data: hash)
        try step(insert)
    }

    /// Inserts `total` events in batches into the store's schema, as the store would (rows, stream versions).
    func appendSame(total: Int, workload: Workload) throws {
        try exec(Self.sameSchema)
        let insert = try prepare(Self.insertEvent)
        let upsertStream = try prepare(
            "INSERT INTO streams (id, name, version) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version"
        )
        defer {
            sqlite3_finalize(insert)
            sqlite3_finalize(upsertStream)
        }
        var versions = [Int](repeating: 0, count: workload.streams)
        let time = Timestamp(Date())
        let hash = Data(repeating: 0xab, count: 32)
        for batch in workload.batches(total: total) {
            let streamIndex = batch.streamIndex
            try exec("BEGIN IMMEDIATE")
            for event in Workload.batch(first: batch.first, count: batch.count, at: time) {
                versions[streamIndex] += 1
                try insertEvent(
                    insert, event, streamID: Int64(streamIndex + 1), version: Int64(versions[streamIndex]), at: time,
                    hash: hash)
            }
            sqlite3_bind_int64(upsertStream, 1, Int64(streamIndex + 1))
            sqlite3_bind_text(upsertStream, 2, "bench-order:\(streamIndex)", -1, Self.transient)
            sqlite3_bind_int64(upsertStream, 3, Int64(versions[streamIndex]))
            try step(upsertStream)
            try exec("COMMIT")
        }
    }

    /// Inserts the same bytes into a rowid-only table, in the same batches.
    func appendLimit(total: Int, workload: Workload) throws {
        try exec(Self.limitSchema)
        let insert = try prepare("INSERT INTO events (payload, event_id, hash) VALUES (?,?,?)")
        defer { sqlite3_finalize(insert) }
        let time = Timestamp(Date())
        let hash = Data(repeating: 0xab, count: 32)
        for batch in workload.batches(total: total) {
            try exec("BEGIN IMMEDIATE")
            for event in Workload.batch(first: batch.first, count: batch.count, at: time) {
                bind(insert, 1, data: event.payload)
                bind(insert, 2, uuid: event.id)
                bind(insert, 3, data: hash)
                try step(insert)
            }
            try exec("COMMIT")
        }
    }

    /// Single-row durable commits.
    func appendSingles(total: Int) throws {
        try exec(Self.limitSchema)
        let insert = try prepare("INSERT INTO events (payload, event_id, hash) VALUES (?,?,?)")
        defer { sqlite3_finalize(insert) }
        let time = Timestamp(Date())
        let hash = Data(repeating: 0xab, count: 32)
        for n in 0..<total {
            let event = Workload.batch(first: n, count: 1, at: time)[0]
            bind(insert, 1, data: event.payload)
            bind(insert, 2, uuid: event.id)
            bind(insert, 3, data: hash)
            try step(insert)
        }
    }

    /// raw-same singles: what one append of one event to a new stream writes, into the store's
    /// schema, one durable commit each, every statement prepared once (`BEGIN IMMEDIATE` and
    /// `COMMIT` too): the stream's row, the event's row and the checkpoint's, as
    /// `Benchmarks/sqlite-singles-floor.py` measures them from Python.
    func appendSameSingles(total: Int) throws {
        try exec(
            Self.sameSchema
                + """
                CREATE TABLE checkpoints (name TEXT PRIMARY KEY, version INTEGER, position INTEGER) WITHOUT ROWID;
                INSERT INTO checkpoints VALUES ('ledger', 1, 0);
                """)
        let begin = try prepare("BEGIN IMMEDIATE")
        let commit = try prepare("COMMIT")
        let insertStream = try prepare("INSERT INTO streams (id, name, version) VALUES (?, ?, 1)")
        let insert = try prepare(Self.insertEvent)
        let checkpoint = try prepare("UPDATE checkpoints SET position = ? WHERE name = 'ledger'")
        defer { [begin, commit, insertStream, insert, checkpoint].forEach { sqlite3_finalize($0) } }
        let time = Timestamp(Date())
        let hash = Data(repeating: 0xab, count: 32)
        for n in 0..<total {
            let event = Workload.batch(first: n, count: 1, at: time)[0]
            try step(begin)
            sqlite3_bind_int64(insertStream, 1, Int64(n + 1))
            sqlite3_bind_text(insertStream, 2, "bench-order:\(n)", -1, Self.transient)
            try step(insertStream)
            try insertEvent(insert, event, streamID: Int64(n + 1), version: 1, at: time, hash: hash)
            sqlite3_bind_int64(checkpoint, 1, Int64(n + 1))
            try step(checkpoint)
            try step(commit)
        }
    }

    /// Scans a store file's events in position order; optionally decodes each payload with JSONDecoder.
    func scan(decode: Bool) throws -> Int {
        let select = try prepare("SELECT position, event_id, payload, hash, type FROM events ORDER BY position")
        defer { sqlite3_finalize(select) }
        let decoder = JSONDecoder()
        var rows = 0
        var checksum: Int64 = 0
        while sqlite3_step(select) == SQLITE_ROW {
            checksum &+= sqlite3_column_int64(select, 0)
            let length = Int(sqlite3_column_bytes(select, 2))
            let bytes = sqlite3_column_blob(select, 2)
            if decode, let bytes, let type = sqlite3_column_text(select, 4), strcmp(type, Workload.eventType) == 0 {
                let data = Data(bytes: bytes, count: length)
                checksum &+= Int64(try decoder.decode(Workload.Order.self, from: data).amount.value)
            }
            rows += 1
        }
        precondition(checksum != 0)
        return rows
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, data: Data) {
        _ = data.withUnsafeBytes {
            sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient)
        }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, uuid: UUID) {
        _ = withUnsafeBytes(of: uuid.uuid) { sqlite3_bind_blob(statement, index, $0.baseAddress, 16, Self.transient) }
    }

    private func step(_ statement: OpaquePointer?) throws {
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(db)))")
        }
        sqlite3_reset(statement)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
