import ChannelDomain
import ChannelLedger
import EventSourcing
import EventStoreSQLite
import Foundation

/// The issue's time-travel log: one channel of the demo ledger suspended, resumed and renamed
/// until the log holds `events` events, written straight to the store (no deciders) in batches.
enum AsOfRuns {
    /// Builds the log at `path` and returns its head position and the channel's stream.
    static func oneChannelLog(events: Int, at path: String) async throws -> (head: Int64, stream: String) {
        let service = try await OrderRuns.demoLedger(at: path)
        guard let channel = try await service.channels().first?.state, let id = channel.id else {
            throw BenchError("the demo ledger has no channel")
        }
        let store = try SQLiteEventStore.open(at: path, projections: LedgerService.projections)
        let stream = StreamName(category: "channel", id: id.uuidString.lowercased())
        let metadata = EventMetadata(actor: "bench", source: "cli")
        let time = Timestamp(Date())
        var name = channel.name
        var cycle = 0
        var head = try await store.head().position
        while head < Int64(events) {
            var changes: [ChannelEvent] = []
            while changes.count < 3_000 {
                let next = "Storefront \(cycle)"
                changes += [
                    .suspended(ChannelSuspended(reason: "stock count")), .resumed(ChannelResumed()),
                    .renamed(ChannelRenamed(from: name, to: next)),
                ]
                name = next
                cycle += 1
            }
            let batch = try changes.prefix(Int(Int64(events) - head)).map { change in
                NewEvent(
                    id: UUIDv7.make(), type: change.wireName, schemaVersion: type(of: change.payload).schemaVersion,
                    recordedAt: time, payload: try change.payload.encoded(), metadata: metadata)
            }
            try await store.append(batch, to: stream, expected: .any)
            head = try await store.head().position
        }
        return (head, stream.rawValue)
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
