import EventSourcing
import Foundation
import Testing

/// Several store instances (separate connections, as separate processes or hosts would have)
/// writing to one store at once, then the log checked whole: the same check for every backend.
public enum ManyWriters {
    /// Each writer appends `batches` batches of 1–3 events, to five streams of its own (exact
    /// expected versions) and, every fourth batch, to one stream all writers share (`.any`).
    /// Then the log read through `reader` must hold every event once, gap-free, chained, every
    /// stream's versions 1…n, and the inline `ContractProjection` must agree.
    public static func run(
        _ stores: [any EventStore], reader: any EventStore, batches: Int,
        events: @escaping @Sendable (Int) -> [NewEvent]
    ) async throws {
        let written = try await withThrowingTaskGroup(of: Int.self) { group in
            for (writer, store) in stores.enumerated() {
                group.addTask {
                    var versions: [Int64] = Array(repeating: 0, count: 5)
                    var written = 0
                    for batch in 0..<batches {
                        let size = batch % 3 + 1
                        if batch % 4 == 3 {
                            try await store.append(
                                events(size), to: StreamName(category: "test", id: "shared"), expected: .any)
                        } else {
                            let slot = batch % 5
                            let result = try await store.append(
                                events(size), to: StreamName(category: "test", id: "w\(writer)-\(slot)"),
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
        let all = try await reader.allEvents()
        #expect(all.count == written)
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(try await reader.verifiedHead() == reader.head())
        var byStream: [StreamName: [Int64]] = [:]
        for event in all { byStream[event.stream, default: []].append(event.version) }
        #expect(byStream.count == stores.count * 5 + 1)
        for (stream, versions) in byStream {
            #expect(versions == Array(1...Int64(versions.count)), "\(stream)")
            #expect(try await ContractProjection.counter(of: stream, in: reader)?.count == versions.count)
        }
        #expect(try await reader.checkpoint(ContractProjection().name) == Int64(all.count))
    }
}
