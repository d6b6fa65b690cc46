import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// As-of snapshots: the rows at a mark are each row's latest change from its base up to it,
    /// removals hide a row, documents and claims of one name stay apart, a full mark's rows are all
    /// that is read of the marks before it, rows are read only for a mark kept with that
    /// fingerprint and base, saving a mark again changes nothing, a drop forgets rows and marks,
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

        let full = SnapshotMark(position: 10, previous: 8, base: 10, fingerprint: "contract 1", latestTime: time)
        let after = SnapshotMark(
            position: 12, previous: 10, base: 10, carried: 1, fingerprint: "contract 1", latestTime: time)
        let whole = [document("b", "{}"), claim("owner-2")]
        try await keeper.saveSnapshot(full, changes: whole)
        try await keeper.saveSnapshot(after, changes: [document("b", nil)])
        #expect(try await keeper.snapshotMarks().suffix(2) == [full, after], "bases and counts are kept")
        #expect(
            try await keeper.snapshotRows(at: full).map(Set.init) == Set(whole),
            "a full mark: its rows alone, not those it does not hold (document a)")
        #expect(try await keeper.snapshotRows(at: after) == [claim("owner-2")], "the changes after a full mark")
        #expect(try await rows(at: 8, after: 6) == [document("a", #"{"v":2}"#)], "marks before it read as they did")
        var otherBase = after
        otherBase.base = 0
        #expect(try await keeper.snapshotRows(at: otherBase) == nil, "a mark read from another base")

        try await keeper.dropSnapshots()
        #expect(try await keeper.snapshotMarks().isEmpty)
        #expect(try await rows(at: 8, after: 6) == nil)
        #expect(try await keeper.snapshotRows(at: full) == nil)
        try await keeper.saveSnapshot(mark(4, after: 0), changes: [])
        #expect(try await rows(at: 4, after: 0) == [], "the dropped rows are gone, not only their marks")
    }
}
