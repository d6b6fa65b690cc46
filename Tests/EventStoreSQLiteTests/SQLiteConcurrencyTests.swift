import ChannelLedgerTesting
import EventSourcing
import Foundation
import GRDB
import Testing

@testable import EventStoreSQLite

/// Several store instances (separate connections, as separate processes would have) sharing one file.
@Suite struct SQLiteConcurrencyTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func manyWritersLoseNothing() async throws {
        let path = directory.file()
        let writers = 8, batches = 200
        _ = try SQLiteEventStore.create(at: path, projections: [ContractProjection()])
        var stores: [SQLiteEventStore] = []
        for _ in 0..<writers { stores.append(try SQLiteEventStore.open(at: path, projections: [ContractProjection()])) }
        let reader = try SQLiteEventStore.open(at: path, projections: [ContractProjection()])
        try await ManyWriters.run(stores, reader: reader, batches: batches) { Fixtures.events($0) }
    }

    /// Opens a raw connection that holds the write lock until `release` is called.
    final class LockHolder: Sendable {
        let queue: DatabaseQueue

        init(path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        }

        func release() throws {
            try queue.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        }
    }

    @Test func aWriteStillBusyAfterTheTimeoutIsRetried() async throws {
        let path = directory.file()
        let store = try SQLiteEventStore.create(
            at: path, projections: [], options: .init(busyTimeout: .milliseconds(20)))
        let holder = try LockHolder(path: path)
        let append = Task { try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream) }
        try await Task.sleep(for: .milliseconds(150))
        try holder.release()
        #expect(try await append.value.positions == [1, 2])
    }

    @Test func givenAnAppendRetryingTheLockWhenItsCallerIsCancelledThenItIsStillRecorded() async throws {
        let path = directory.file()
        // A busy timeout of 100 ms: the retries outlast the lock by a second at the least.
        let store = try SQLiteEventStore.create(
            at: path, projections: [], options: .init(busyTimeout: .milliseconds(100)))
        let holder = try LockHolder(path: path)
        let append = Task { try await store.append(Fixtures.events(2), to: Fixtures.stream("a"), expected: .noStream) }
        try await Task.sleep(for: .milliseconds(100))
        // The append leads its group and is retrying the lock: cancelling it stops its own
        // database access, not the group's commit.
        append.cancel()
        try await Task.sleep(for: .milliseconds(50))
        try holder.release()
        #expect(try await append.value.positions == [1, 2])
        #expect(try await Fixtures.verify(store).position == 2)
    }

    @Test func givenAGroupQueuedBehindTheLockWhenItsLeaderIsCancelledThenEveryAppendIsRecorded() async throws {
        let path = directory.file()
        let store = try SQLiteEventStore.create(
            at: path, projections: [], options: .init(busyTimeout: .milliseconds(100)))
        let holder = try LockHolder(path: path)
        let outcome = await Fixtures.finished(within: 120) {  // a hang detector: seconds here, more on a loaded CI
            // The first append leads and waits for the lock; the others queue behind it, and the
            // first of them, cancelled before it appends, is handed the lead of their group.
            let first = Task {
                try await store.append(Fixtures.events(1), to: Fixtures.stream("first"), expected: .noStream)
            }
            try await Task.sleep(for: .milliseconds(100))
            let cancelled = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await store.append(
                    Fixtures.events(1), to: Fixtures.stream("cancelled"), expected: .noStream)
            }
            try await Task.sleep(for: .milliseconds(50))
            let followers = (0..<6).map { index in
                Task {
                    try await store.append(Fixtures.events(1), to: Fixtures.stream("f\(index)"), expected: .noStream)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            try holder.release()
            for append in [first, cancelled] + followers {
                #expect(try await append.value.streamVersion == 1)
            }
        }
        try #require(outcome, "appends still waiting after 120 s").get()
        #expect(try await Fixtures.verify(store).position == 8)
    }

    @Test func aStoreLockedThroughEveryRetryReportsBusy() async throws {
        let path = directory.file()
        var options = SQLiteStoreOptions(busyTimeout: .milliseconds(10))
        options.retry.maxAttempts = 3
        let store = try SQLiteEventStore.create(at: path, projections: [], options: options)
        let holder = try LockHolder(path: path)
        await #expect(throws: SQLiteStoreError.busy(path)) {
            try await store.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .noStream)
        }
        try holder.release()
        #expect(
            try await store.append(Fixtures.events(1), to: Fixtures.stream("a"), expected: .noStream).positions == [1])
    }
}
