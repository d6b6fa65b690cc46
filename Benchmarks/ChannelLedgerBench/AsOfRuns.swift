import ChannelDomain
import ChannelLedger
import EventSourcing
import EventStoreSQLite
import Foundation

/// The issue's time-travel logs: the demo ledger's channels (and more, to `channels`) suspended,
/// resumed and renamed in turn until the log holds `events` events, written straight to the store
/// (no deciders) a round at a time: each round changes every channel (3 events each, at least
/// 3,000 events a round).
enum AsOfRuns {
    /// Builds the log at `path` and returns its head position and the first channel's stream.
    static func channelLog(channels count: Int = 1, events: Int, at path: String) async throws -> (
        head: Int64, stream: String
    ) {
        let service = try await OrderRuns.demoLedger(at: path)
        var number = try await service.channels().count
        while number < count {
            _ = try await service.createChannel(
                named: "Bench \(number)", transport: "sandbox", context: CommandContext(actor: "bench"))
            number += 1
        }
        let channels = try await service.channels().prefix(count).map(\.state)
        guard channels.count == count else {
            throw BenchError("the ledger has \(channels.count) channels, not \(count)")
        }
        let store = try SQLiteEventStore.open(at: path, projections: LedgerService.projections)
        let streams = try channels.map { channel in
            guard let id = channel.id else { throw BenchError("channel \(channel.name) has no id") }
            return StreamName(category: "channel", id: id.uuidString.lowercased())
        }
        let metadata = EventMetadata(actor: "bench", source: "cli")
        let time = Timestamp(Date())
        var names = channels.map(\.name)
        var cycle = 0
        var head = try await store.head().position
        while head < Int64(events) {
            var round: [[ChannelEvent]] = Array(repeating: [], count: count)
            var size = 0
            while size < 3_000 {
                for index in 0..<count {
                    let next = "Storefront \(cycle)"
                    round[index] += [
                        .suspended(ChannelSuspended(reason: "stock count")), .resumed(ChannelResumed()),
                        .renamed(ChannelRenamed(from: names[index], to: next)),
                    ]
                    names[index] = next
                    cycle += 1
                }
                size += 3 * count
            }
            var room = Int(Int64(events) - head)
            let batches = try zip(round, streams).compactMap { changes, stream -> StreamBatch? in
                let taken = changes.prefix(room)
                room -= taken.count
                guard !taken.isEmpty else { return nil }
                return StreamBatch(
                    try taken.map { change in
                        NewEvent(
                            id: UUIDv7.make(), type: change.wireName,
                            schemaVersion: type(of: change.payload).schemaVersion,
                            recordedAt: time, payload: try change.payload.encoded(), metadata: metadata)
                    }, to: stream, expected: .any)
            }
            _ = try await store.append(batches: batches)
            head = try await store.head().position
        }
        return (head, streams[0].rawValue)
    }

    /// The peak resident memory of a process, in MiB, as GNU time reports it.
    static func peakMiB(_ executable: String, _ arguments: [String]) throws -> Double {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("peak-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", "-o", report, executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: report, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, let kilobytes = Double(text.split(separator: "\n").last ?? "") else {
            throw BenchError(
                "/usr/bin/time \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
        return kilobytes / 1_024
    }

    /// The bytes of a SQLite store: its file and its write-ahead log.
    static func bytes(of path: String) -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }
}
