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
}
