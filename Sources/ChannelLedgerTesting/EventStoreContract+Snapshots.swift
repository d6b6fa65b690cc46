import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// As-of snapshots: the rows at a mark are each row's latest change at or before it, removals
    /// hide a row, documents and claims of one name stay apart, rows are read only for a mark kept
    /// with that fingerprint, saving a mark again changes nothing, a drop forgets rows and marks,
    /// and none of it is in the log.
    public func snapshots() async throws {
        let store = try await makeStore([])
        guard let keeper = store as? any SnapshotKeeping else {
            Issue.record("\(type(of: store)) keeps no as-of snapshots")
            return
        }
        let time = Timestamp(millisecondsSince1970: 1_800_000_000_000)
        func mark(_ position: Int64, after previous: Int64) -> SnapshotMark {
            SnapshotMark(position: position, previous: previous, fingerprint: "contract 1", latestTime: time)
        }
        func document(_ key: String, _ text: String?) -> SnapshotRow {
            SnapshotRow(kind: .document, name: "model", key: key, data: text.map { Data($0.utf8) })
        }
        let claim = { (owner: String?) in
            SnapshotRow(kind: .claim, name: "model", key: "a", data: owner.map { Data($0.utf8) })
        }
        func rows(at position: Int64, after previous: Int64) async throws -> Set<SnapshotRow>? {
            try await keeper.snapshotRows(at: mark(position, after: previous)).map(Set.init)
        }

        #expect(try await keeper.snapshotMarks().isEmpty)
        #expect(try await rows(at: 4, after: 0) == nil, "no mark, no rows")
        let first = [document("a", #"{"v":1}"#), document("é ü 👋", "{}"), claim("owner-1")]
        try await keeper.saveSnapshot(mark(4, after: 0), changes: first)
        try await keeper.saveSnapshot(mark(6, after: 4), changes: [])
        try await keeper.saveSnapshot(
            mark(8, after: 6), changes: [document("a", #"{"v":2}"#), document("é ü 👋", nil), claim(nil)])
        #expect(try await keeper.snapshotMarks() == [mark(4, after: 0), mark(6, after: 4), mark(8, after: 6)])

        #expect(try await rows(at: 4, after: 0) == Set(first), "a document and a claim of the same name, apart")
        #expect(try await rows(at: 6, after: 4) == Set(first), "a mark with no change: the rows before it")
        #expect(try await rows(at: 8, after: 6) == [document("a", #"{"v":2}"#)], "changed and removed rows")
        #expect(try await rows(at: 7, after: 6) == nil, "a position without a mark")
        var foreign = mark(8, after: 6)
        foreign.fingerprint = "contract 2"
        #expect(try await keeper.snapshotRows(at: foreign) == nil, "a mark of another fingerprint")

        try await keeper.saveSnapshot(mark(4, after: 0), changes: first)
        #expect(try await rows(at: 8, after: 6) == [document("a", #"{"v":2}"#)], "a mark saved again changes nothing")
        #expect(try await keeper.snapshotMarks().count == 3)
        #expect(try await store.head().position == 0, "nothing in the log")

        try await keeper.dropSnapshots()
        #expect(try await keeper.snapshotMarks().isEmpty)
        #expect(try await rows(at: 8, after: 6) == nil)
        try await keeper.saveSnapshot(mark(8, after: 6), changes: [])
        #expect(try await rows(at: 8, after: 6) == [], "the dropped rows are gone, not only their marks")
    }
}
