import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Appends a batch to one stream; appends from concurrent callers share one durable commit
    /// (``GroupCommit``), each with its own verdict. The transaction is retried while the file is busy.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expected: ExpectedVersion) async throws
        -> AppendResult
    {
        guard !events.isEmpty else {
            return AppendResult(positions: [], streamVersion: try await version(of: stream), wasDuplicate: false)
        }
        return try await groupCommit.append(events, to: stream, expected: expected)
    }
}
