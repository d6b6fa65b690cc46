import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// `.noStream`, `.exact` and `.any` are checked against the stream's version; a refusal writes nothing.
    public func expectedVersion() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("versions")
        try await expectRefused(.wrongExpectedVersion(stream: stream, expected: .exact(1), actual: 0), by: store) {
            try await store.append(Self.events(1), to: stream, expected: .exact(1))
        }
        #expect(try await store.append(Self.events(1), to: stream, expected: .noStream).streamVersion == 1)
        try await expectRefused(.wrongExpectedVersion(stream: stream, expected: .noStream, actual: 1), by: store) {
            try await store.append(Self.events(2), to: stream, expected: .noStream)
        }
        try await expectRefused(.wrongExpectedVersion(stream: stream, expected: .exact(5), actual: 1), by: store) {
            try await store.append(Self.events(2), to: stream, expected: .exact(5))
        }
        #expect(try await store.append(Self.events(2), to: stream, expected: .exact(1)).streamVersion == 3)
        #expect(try await store.append(Self.events(1), to: stream, expected: .any).streamVersion == 4)
        #expect(try await store.append(Self.events(1), to: Self.stream("other"), expected: .any).positions == [5])
        #expect(try await store.append(Self.events(1), to: stream, expected: .at(4)).streamVersion == 5)
        #expect(try await store.version(of: stream) == 5)
        #expect(try await store.head().position == 6)
    }

    /// Read a version, let another writer append, then append at the version read: refused, nothing written.
    public func injectedConflict() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("conflict")
        try await store.append(Self.events(2), to: stream, expected: .noStream)
        let read = try await store.version(of: stream)
        try await store.append(Self.events(1), to: stream, expected: .any)  // the other writer
        let mine = Self.events(2)
        try await expectRefused(.wrongExpectedVersion(stream: stream, expected: .exact(read), actual: 3), by: store) {
            try await store.append(mine, to: stream, expected: .exact(read))
        }
        let retried = try await store.append(mine, to: stream, expected: .exact(3))
        #expect(retried == AppendResult(positions: [4, 5], streamVersion: 5, wasDuplicate: false))
        #expect(try await ContractProjection.counter(of: stream, in: store)?.count == 5)
    }

    /// Re-appending a recorded batch with identical content returns its original positions, even with a stale version.
    public func idempotentReappend() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("idempotent")
        let batch = Self.events(3)
        let original = try await store.append(batch, to: stream, expected: .noStream)
        #expect(original.positions == [1, 2, 3])
        try await store.append(Self.events(2), to: stream, expected: .exact(3))
        try await store.append(Self.events(1), to: Self.stream("elsewhere"), expected: .noStream)
        let before = try await Snapshot(of: store)
        for expected in [ExpectedVersion.noStream, .exact(3), .exact(99), .any] {
            let again = try await store.append(batch, to: stream, expected: expected)
            #expect(again == AppendResult(positions: [1, 2, 3], streamVersion: 5, wasDuplicate: true))
        }
        let single = try await store.append([batch[1]], to: stream, expected: .noStream)
        #expect(single == AppendResult(positions: [2], streamVersion: 5, wasDuplicate: true))
        #expect(try await Snapshot(of: store) == before)
        #expect(try await ContractProjection.counter(of: stream, in: store)?.count == 5)
    }

    /// The same id with other content (payload, type, schema version or stream) is refused, before the version check.
    public func duplicateIDWithOtherContent() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("duplicates")
        try await store.append(Self.events(1), to: stream, expected: .noStream)
        let recorded = Self.event(payload: Data(#"{"n":"original"}"#.utf8))
        try await store.append([recorded], to: stream, expected: .exact(1))
        var otherPayload = recorded
        otherPayload.payload = Data(#"{"n":"changed"}"#.utf8)
        var otherType = recorded
        otherType.type = ContractProjection.cleared
        var otherSchema = recorded
        otherSchema.schemaVersion = 2
        for changed in [otherPayload, otherType, otherSchema] {
            for expected in [ExpectedVersion.exact(2), .noStream, .any] {
                try await expectRefused(.duplicateEventID(recorded.id, position: 2), by: store) {
                    try await store.append([changed], to: stream, expected: expected)
                }
            }
        }
        try await expectRefused(.duplicateEventID(recorded.id, position: 2), by: store) {
            try await store.append([recorded], to: Self.stream("another"), expected: .noStream)
        }
    }

    /// A batch of which only some ids are recorded is refused whole.
    public func partiallyRecordedBatch() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("partial")
        let batch = Self.events(3)
        try await store.append([batch[0], batch[1]], to: stream, expected: .noStream)
        try await expectRefused(
            .partiallyRecordedBatch(stream: stream, recorded: [batch[0].id, batch[1].id]), by: store
        ) {
            try await store.append(batch, to: stream, expected: .exact(2))
        }
        try await expectRefused(.partiallyRecordedBatch(stream: stream, recorded: [batch[1].id]), by: store) {
            try await store.append([batch[2], batch[1]], to: stream, expected: .any)
        }
        #expect(try await store.append([batch[2]], to: stream, expected: .exact(2)).positions == [3])
    }

    /// An id repeated within one batch is refused before anything else is checked.
    public func repeatedIDInBatch() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("repeated")
        let (first, second) = (Self.event(), Self.event())
        try await expectRefused(.repeatedEventIDInBatch(first.id), by: store) {
            try await store.append([first, second, first], to: stream, expected: .noStream)
        }
        try await store.append([first], to: stream, expected: .noStream)
        try await expectRefused(.repeatedEventIDInBatch(first.id), by: store) {
            try await store.append([first, first], to: stream, expected: .exact(1))
        }
        try await expectRefused(.repeatedEventIDInBatch(second.id), by: store) {
            try await store.append([second, second], to: stream, expected: .exact(7))
        }
        #expect(try await store.append([second], to: stream, expected: .exact(1)).positions == [2])
    }

    /// A batch that fails on its last event writes none of its events.
    public func batchAtomicity() async throws {
        let store = try await makeStore([ContractProjection()])
        let stream = Self.stream("atomic")
        let recorded = Self.event()
        try await store.append([recorded], to: stream, expected: .noStream)
        var clash = recorded
        clash.payload = Data(#"{"n":"clash"}"#.utf8)
        let fresh = Self.events(3)
        try await expectRefused(.duplicateEventID(recorded.id, position: 1), by: store) {
            try await store.append(fresh + [clash], to: stream, expected: .exact(1))
        }
        try await expectRefused(.duplicateEventID(recorded.id, position: 1), by: store) {
            try await store.append(fresh + [clash], to: Self.stream("atomic-new"), expected: .noStream)
        }
        #expect(try await store.version(of: Self.stream("atomic-new")) == 0)
        let retried = try await store.append(fresh, to: stream, expected: .exact(1))
        #expect(retried == AppendResult(positions: [2, 3, 4], streamVersion: 4, wasDuplicate: false))
    }
}

extension EventStoreContract {
    /// Several streams' batches in one call are recorded in order, all or none.
    public func multiStreamAppend() async throws {
        let store = try await makeStore([ContractProjection()])
        let (one, two) = (Self.stream("one"), Self.stream("two"))
        try await store.append(Self.events(1), to: one, expected: .noStream)
        try await expectRefused(.wrongExpectedVersion(stream: two, expected: .exact(3), actual: 0), by: store) {
            try await store.append(batches: [
                StreamBatch(Self.events(2), to: one, expected: .exact(1)),
                StreamBatch(Self.events(1), to: two, expected: .exact(3)),
            ])
        }
        let results = try await store.append(batches: [
            StreamBatch(Self.events(2), to: one, expected: .exact(1)),
            StreamBatch([], to: two, expected: .any),
            StreamBatch(Self.events(1), to: two, expected: .noStream),
            StreamBatch(Self.events(1), to: one, expected: .exact(3)),
        ])
        #expect(results.map(\.positions) == [[2, 3], [4], [5]])
        #expect(results.map(\.streamVersion) == [3, 1, 4])
        #expect(try await store.checkpoint(ContractProjection().name) == 5)
        #expect(try await ContractProjection.counter(of: one, in: store) == .init(count: 4))
    }
}

extension EventStoreContract {
    /// Subject keys are written in the transaction of the batch that carries them: kept when it is
    /// recorded, absent when it is refused, absorbed when the same bytes come again, and never
    /// replaced by other bytes (the whole call is refused, so no event is sealed under a lost key).
    /// A batch that forgets a subject deletes its key in the same transaction; `scrub` completes.
    public func subjectKeys() async throws {
        let store = try await makeStore([ContractProjection()])
        let (one, two) = (Self.stream("one"), Self.stream("two"))
        let (ada, bob) = (
            SubjectKey(subject: "customer:ada", sealed: Data([1, 2, 3])),
            SubjectKey(subject: "customer:bob", sealed: Data([4]))
        )
        #expect(try await store.subjectKey(ada.subject) == nil)

        try await store.append(batches: [StreamBatch(Self.events(1), to: one, expected: .noStream, keys: [ada])])
        #expect(try await store.subjectKey(ada.subject) == ada.sealed)

        // A refused batch writes none of its keys.
        try await expectRefused(.wrongExpectedVersion(stream: one, expected: .noStream, actual: 1), by: store) {
            try await store.append(batches: [StreamBatch(Self.events(1), to: one, expected: .noStream, keys: [bob])])
        }
        #expect(try await store.subjectKey(bob.subject) == nil)

        // Other bytes for a stored subject refuse the whole call, events and keys alike.
        let before = try await Self.log(of: store)
        let rival = SubjectKey(subject: ada.subject, sealed: Data([9]))
        await #expect(throws: EventStoreError.subjectKeyConflict(subject: ada.subject)) {
            try await store.append(batches: [
                StreamBatch(Self.events(1), to: two, expected: .noStream, keys: [bob]),
                StreamBatch(Self.events(1), to: one, expected: .exact(1), keys: [rival]),
            ])
        }
        #expect(try await Self.log(of: store) == before)
        #expect(try await store.subjectKey(ada.subject) == ada.sealed)
        #expect(try await store.subjectKey(bob.subject) == nil)

        // The same bytes again are absorbed; a key with an empty batch is not written.
        try await store.append(batches: [
            StreamBatch([], to: two, expected: .any, keys: [bob]),
            StreamBatch(Self.events(1), to: one, expected: .exact(1), keys: [ada]),
        ])
        #expect(try await store.subjectKey(ada.subject) == ada.sealed)
        #expect(try await store.subjectKey(bob.subject) == nil)
        #expect(try await store.head().position == 2)

        // Forgetting deletes the key with its batch, not with a refused one; a new key may follow.
        try await expectRefused(.wrongExpectedVersion(stream: two, expected: .exact(5), actual: 0), by: store) {
            try await store.append(batches: [
                StreamBatch(Self.events(1), to: two, expected: .exact(5), forgetting: [ada.subject])
            ])
        }
        #expect(try await store.subjectKey(ada.subject) == ada.sealed)
        try await store.append(batches: [
            StreamBatch(Self.events(1), to: two, expected: .noStream, forgetting: [ada.subject, "customer:never"])
        ])
        #expect(try await store.subjectKey(ada.subject) == nil)
        #expect(try await store.scrub() == .completed)
        let renewed = SubjectKey(subject: ada.subject, sealed: Data([7, 7]))
        try await store.append(batches: [StreamBatch(Self.events(1), to: two, expected: .exact(1), keys: [renewed])])
        #expect(try await store.subjectKey(ada.subject) == renewed.sealed)
    }
}

extension EventStoreContract {
    /// A page of documents is the keys after the one given, in order, at most `limit`; a page of
    /// claims is the values within a prefix after the one given, in order: what a paged listing reads.
    public func readModelPages() async throws {
        let store = try await makeStore([ContractProjection()])
        let names = ["x/3", "x/1", "y/1", "x/2", "x/10", "w/9"]
        for (index, name) in names.enumerated() {
            try await store.append(
                [Self.event(ContractProjection.named, payload: Data(#"{"name":"\#(name)"}"#.utf8))],
                to: Self.stream("s\(index)"), expected: .noStream)
        }
        let model = ContractProjection.model
        let all = try await store.documents(model).map(\.key)
        #expect(try await store.documents(model, after: nil, limit: 100).map(\.key) == all)
        #expect(try await store.documents(model, after: nil, limit: 2).map(\.key) == Array(all.prefix(2)))
        #expect(try await store.documents(model, after: all[1], limit: 3).map(\.key) == Array(all[2..<5]))
        #expect(try await store.documents(model, after: all.last, limit: 3).isEmpty)
        #expect(try await store.documents("no-such-model", after: nil, limit: 3).isEmpty)

        // By key, in one read: absent keys (and one with U+0000) are left out, a repeated key is one entry.
        let byKey = try await store.documents(model, keys: [all[3], "absent", all[0], "a\u{0}b", all[3]])
        #expect(byKey.count == 2)
        #expect(byKey[all[3]] == (try await store.document(model, key: all[3])))
        #expect(byKey[all[0]] == (try await store.document(model, key: all[0])))
        #expect(byKey[all[0]] != nil)
        #expect(try await store.documents(model, keys: []).isEmpty)
        #expect(try await store.documents("no-such-model", keys: all).isEmpty)

        let kind = ContractProjection.nameKind
        let xs = try await store.claims(kind, prefix: "x/", after: nil, limit: 100)
        #expect(xs.map(\.value) == ["x/1", "x/10", "x/2", "x/3"])
        #expect(xs.first?.owner == Self.stream("s1").rawValue)
        #expect(try await store.claims(kind, prefix: "x/", after: "x/10", limit: 1).map(\.value) == ["x/2"])
        #expect(try await store.claims(kind, prefix: "x/", after: "x/3", limit: 5).isEmpty)
        #expect(try await store.claims(kind, prefix: "x/", after: "w/9", limit: 1).map(\.value) == ["x/1"])
        #expect(try await store.claims(kind, prefix: "", after: "x/3", limit: 5).map(\.value) == ["y/1"])
    }
}
