import EventSourcing
import Foundation
import GRDB
import GRDBSQLite

/// A look at one stream of a store file that changes nothing: no migration, no lock file, no write.
extension SQLiteEventStore {
    /// The events of one stream, in order, exactly as ``read(stream:from:)`` returns them; empty
    /// when the stream has none. The file is opened read-only, never migrated, and its lock file is not taken.
    ///
    /// A file with no write-ahead log or rollback journal beside it (no process is writing it) is
    /// read as immutable, so SQLite does not create the `-wal` and `-shm` files that any read-only
    /// connection to a WAL file would otherwise make (and leave behind). When a writer's log is
    /// there, or the file changed during that read, it is read through SQLite's locks instead.
    ///
    /// Throws ``SQLiteStoreError/notFound(_:)`` when there is no file and
    /// ``SQLiteStoreError/notAStore(_:)`` when it is not a store, and ``SQLiteStoreError/unfinished(_:)``
    /// when a killed creation left it, as ``open(at:projections:options:)`` does.
    public static func peek(
        stream: StreamName, at path: String, options: SQLiteStoreOptions = .init()
    ) async throws -> [RecordedEvent] {
        guard FileManager.default.fileExists(atPath: path) else { throw SQLiteStoreError.notFound(path) }
        if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            throw unfinishedOrBeingCreated(path)
        }
        guard StoreFile.hasSQLiteHeader(path) else { throw SQLiteStoreError.notAStore(path) }
        do {
            return try await options.retry.run {
                if let stamp = quietStamp(path), let uri = immutableURI(path) {
                    let result = Result { try readStream(stream, from: uri, path: path, options: options) }
                    if quietStamp(path) == stamp { return try result.get() }
                }
                return try readStream(stream, from: path, path: path, options: options)
            }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "reading")
        }
    }

    /// Opens `location` (the path, or a URI naming it) read-only, checks the application id and
    /// decodes the stream's events with the scans' decoder.
    private static func readStream(
        _ stream: StreamName, from location: String, path: String, options: SQLiteStoreOptions
    ) throws -> [RecordedEvent] {
        let probe = try DatabaseQueue(path: location, configuration: probeConfiguration(options))
        defer { try? probe.close() }
        return try probe.read { db in
            guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == SQLiteSchema.applicationID else {
                throw try hasNoSchema(db) ? unfinishedOrBeingCreated(path) : SQLiteStoreError.notAStore(path)
            }
            var decoder = EventRowDecoder(path: path)
            return try decoder.decodeAll(
                db.makeStatement(sql: EventRowDecoder.streamSQL), arguments: [SQLiteText.bind(stream.rawValue), 1],
                stream: stream)
        }
    }

    /// A file without a schema: being created by another process now (it holds the store lock),
    /// so busy for a moment; else left by a creation that was killed.
    private static func unfinishedOrBeingCreated(_ path: String) -> SQLiteStoreError {
        StoreLock.isHeld(storePath: path) ? .busy(path) : .unfinished(path)
    }

    /// The file's stamp while no write-ahead log or rollback journal lies beside it; else nil.
    private static func quietStamp(_ path: String) -> FileStamp? {
        let logs = [path + "-wal", path + "-journal"]
        guard !logs.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return FileStamp(path)
    }

    /// A `file:` URI opening `path` read-only and immutable (no locks, no WAL, no shared memory);
    /// nil when this SQLite does not read URIs in file names.
    static func immutableURI(_ path: String) -> String? {
        guard sqlite3_compileoption_used("USE_URI") == 1 else { return nil }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return nil }
        return "file://\(escaped)?mode=ro&immutable=1"
    }
}
