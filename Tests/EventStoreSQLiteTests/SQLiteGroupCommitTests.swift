import ChannelLedgerTesting
import EventSourcing
import EventStoreSQLite
import Foundation
import Testing

/// Group commit: concurrent appends share commits, yet each keeps its own verdict.
@Suite struct SQLiteGroupCommitTests {
    @Test func concurrentCallersRacingForOneVersionHaveExactlyOneWinner() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: folder.file(), projections: [ContractProjection()])
        let stream = Fixtures.stream("contested")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    do {
                        try await store.append(Fixtures.events(2), to: stream, expected: .noStream)
                        return true
                    } catch let error as EventStoreError {
                        guard case .wrongExpectedVersion = error else { return false }
                        return false
                    } catch {
                        Issue.record("unexpected \(error)")
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await store.version(of: stream) == 2)
        #expect(try await Fixtures.verify(store).position == 2)
    }

    /// One event that claims the name "same" for its stream.
    static func claimingSameName() -> [NewEvent] {
        [
            NewEvent(
                id: UUIDv7.make(), type: ContractProjection.named, schemaVersion: 1, recordedAt: Timestamp(Date()),
                payload: ContractProjection.namePayload("same"), metadata: EventMetadata(actor: "t", source: "cli"))
        ]
    }

    @Test func aRefusedClaimFailsOnlyItsOwnAppend() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: folder.file(), projections: [ContractProjection()])
        let results = await withTaskGroup(of: Result<Int64, any Error>.self) { group in
            for index in 0..<12 {
                group.addTask {
                    do {
                        let events = index % 3 == 0 ? Self.claimingSameName() : Fixtures.events(1)
                        return .success(
                            try await store.append(events, to: Fixtures.stream("s\(index)"), expected: .noStream)
                                .streamVersion)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: [Result<Int64, any Error>]()) { $0.append($1) }
        }
        let failures = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(failures.count == 3, "four appends claim one name: three lose, the other eight are unaffected")
        for failure in failures {
            #expect((failure as? EventStoreError).map { if case .claimConflict = $0 { true } else { false } } == true)
        }
        #expect(try await store.head().position == 9)
        #expect(try await Fixtures.verify(store).position == 9)
    }

    @Test func givenManyCallersAppendingInTurnsWhenAllHaveReturnedThenEveryAppendIsRecordedOnce() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: folder.file(), projections: [ContractProjection()])
        let (callers, rounds) = (48, 8)
        // Every caller appends in turns to its own stream, so groups form, close and hand their
        // lead on many times; a lead handed to nobody would leave callers waiting.
        // A hang detector, not a speed: 384 durable commits take about a second here, but CI on 2
        // shared cores once needed more than 30 s.
        let outcome = await Fixtures.finished(within: 180) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        for round in 0..<rounds {
                            let result = try await store.append(
                                Fixtures.events(1), to: Fixtures.stream("c\(caller)"), expected: .at(Int64(round)))
                            #expect(result.streamVersion == Int64(round + 1))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let finished = try #require(outcome, "callers still waiting after 180 s")
        try finished.get()
        #expect(try await store.head().position == Int64(callers * rounds))
        for caller in [0, callers / 2, callers - 1] {
            #expect(try await store.version(of: Fixtures.stream("c\(caller)")) == Int64(rounds))
        }
        #expect(try await Fixtures.verify(store).position == Int64(callers * rounds))
    }

    @Test func givenAnAppendHasReturnedWhenTheStoreIsReleasedThenItsFileIsClosedAtOnce() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file()
        for round in 0..<20 {
            do {
                let store = try SQLiteEventStore.create(at: path, projections: [])
                try await store.append(Fixtures.events(1), to: Fixtures.stream("s"), expected: .noStream)
            }
            // The writer let go of the connection before the append returned: releasing the
            // store closes the file now, and closing removes the write-ahead log.
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "round \(round)")
            for suffix in ["", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    @Test func givenCallersCancelledBeforeTheyAppendWhenTheGroupsCommitThenEveryAppendIsRecorded() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteEventStore.create(at: folder.file(), projections: [])
        // Every other caller is cancelled before it appends, so some lead their group cancelled:
        // the append is still the caller's to be told, and the others' commit not theirs to stop.
        let outcome = await Fixtures.finished(within: 120) {  // a hang detector: seconds here, more on a loaded CI
            let appends = (0..<12).map { index in
                Task {
                    if index % 2 == 0 { withUnsafeCurrentTask { $0?.cancel() } }
                    return try await store.append(
                        Fixtures.events(1), to: Fixtures.stream("s\(index)"), expected: .noStream)
                }
            }
            for append in appends {
                let result = try await append.value
                #expect(result.streamVersion == 1)
            }
        }
        try #require(outcome, "appends still waiting after 120 s").get()
        #expect(try await Fixtures.verify(store).position == 12)
    }
}
