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
        let expectedEvents = try await withThrowingTaskGroup(of: Int.self) { group in
            for (writer, store) in stores.enumerated() {
                group.addTask {
                    var versions: [Int64] = Array(repeating: 0, count: 5)
                    var written = 0
                    for batch in 0..<batches {
                        let size = batch % 3 + 1
                        if batch % 4 == 3 {
                            try await store.append(Fixtures.events(size), to: Fixtures.stream("shared"), expected: .any)
                        } else {
                            let slot = batch % 5
                            let result = try await store.append(
                                Fixtures.events(size), to: Fixtures.stream("w\(writer)-\(slot)"),
                                expected: .at(versions[slot]))
                            versions[slot] = result.streamVersion
                        }
                        written += size
                    }
                    return written
                }
            }
            return try await group.reduce(0, +)
        }
        let reader = try SQLiteEventStore.open(at: path, projections: [ContractProjection()])
        let all = try await Fixtures.log(of: reader)
        #expect(all.count == expectedEvents)
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(try await Fixtures.verify(reader) == reader.head())
        var byStream: [StreamName: [Int64]] = [:]
        for event in all { byStream[event.stream, default: []].append(event.version) }
        #expect(byStream.count == writers * 5 + 1)
        for (stream, versions) in byStream {
            #expect(versions == Array(1...Int64(versions.count)), "\(stream)")
            #expect(try await ContractProjection.counter(of: stream, in: reader)?.count == versions.count)
        }
        #expect(try await reader.checkpoint(ContractProjection().name) == Int64(all.count))
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
