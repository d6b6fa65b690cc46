import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Appends a batch to one stream in a `BEGIN IMMEDIATE` transaction, retried while the file is busy.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws
        -> AppendResult
    {
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: try await version(of: stream), wasDuplicate: false)
        }
        let (projections, path) = (projections, path)
        do {
            return try await options.retry.run {
                try await pool.writeWithoutTransaction { db in
                    var result: AppendResult?
                    try db.inTransaction(.immediate) {
                        result = try AppendTransaction(
                            db: db, batch: events, stream: stream, expected: expected, projections: projections,
                            path: path
                        ).run()
                        return .commit
                    }
                    return result!
                }
            }
        } catch {
            throw SQLiteStoreError.translating(error, path: path, operation: "appending to")
        }
    }
}
