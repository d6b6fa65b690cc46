import ChannelLedger
import EventSourcing
import EventStoreSQLite
import Foundation

// The rebuild sections, each rebuild in a child process of its own.
extension Bench {
    /// `projections rebuild` in a child process, its peak memory, and that peak on a log a tenth the size.
    func measureRebuilds(of big: String, rawDecode measured: Sample?, runs: StoreRuns, into report: inout Report)
        async throws
    {
        let rawDecode: Sample
        if let measured {
            rawDecode = measured
        } else {
            rawDecode = try await measureRawDecode(try RawSQLite(path: big))
        }
        note("`projections rebuild` of every projection (restarted; a child process per run, for peak memory)")
        let (rebuild, memory) = try await childRebuilds(path: big)
        report.add(
            "rebuild, bench log (events mostly read by none)", rebuild, unit: "events/s",
            reference: ("raw scan + JSONDecoder", rawDecode.median), target: 2)
        report.add(
            "rebuild peak memory, \(settings.logEvents) events", memory, unit: "MiB",
            reference: ("limit 100 MiB", 100), target: 1, lowerIsBetter: true)
        // A tenth of the log, but at least two rebuild batches: a log under one batch would leave
        // the batch's own memory out of the smaller peak (`--quick`: 40,000 of 100,000 events).
        let smaller = max(settings.logEvents / 10, 2 * ProjectionRebuild.defaultBatchSize)
        let growth = Double(settings.logEvents) / Double(smaller)
        note("the same rebuild on a \(smaller)-event log: memory must not grow with the log")
        let small = try await buildLog(events: smaller, runs: runs)
        let smallPeak = try await childRebuilds(path: small).peaks
        report.add("rebuild peak memory, \(smaller) events", smallPeak, unit: "MiB", lowerIsBetter: true)
        report.add(
            "rebuild memory growth, \(growth == growth.rounded() ? String(Int(growth)) : String(growth))x the events",
            memory, unit: "MiB",
            reference: ("\(smaller)-event peak × 1.5", smallPeak.median * 1.5), target: 1, lowerIsBetter: true)
        try await measureBusyRebuilds(into: &report)
    }

    /// `projections rebuild` of a log whose every event a projection reads: orders received and
    /// associated over two channels, one of them suspended and resumed every 1,000 orders.
    func measureBusyRebuilds(into report: inout Report) async throws {
        let orders = settings.logEvents / 4
        note("a busy log: \(orders * 2) orders over two channels, channel events between them")
        let busy = try await OrderRuns(folder: folder).storeWithOrders(orders, churn: 1_000).location
        let (rebuild, memory) = try await childRebuilds(path: busy)
        report.add(
            "rebuild, busy log (every event read)", rebuild, unit: "events/s", reference: ("target 200k/s", 200_000),
            target: 1)
        report.add(
            "busy-log rebuild peak memory", memory, unit: "MiB", reference: ("limit 100 MiB", 100),
            target: 1, lowerIsBetter: true)
    }

    /// Runs this executable as a child that rebuilds every projection of `path` once; returns
    /// its rate and peak memory.
    /// `settings.runs` rebuilds of the store at `path`, each in a child process: their rates
    /// (events/s) and peak memory (MiB).
    func childRebuilds(path: String) async throws -> (rates: Sample, peaks: Sample) {
        var peaks: [Double] = []
        let rates = try await Sample.measure(runs: settings.runs) {
            let (rate, bytes) = try childRebuildRun(path: path)
            peaks.append(Double(bytes) / 1_048_576)
            return rate
        }
        return (rates, Sample(values: peaks))
    }

    func childRebuildRun(path: String) throws -> (Double, Int) {
        let output = try runProcess(CommandLine.arguments[0], ["--child-rebuild", path])
        let parts = output.split(separator: " ")
        guard parts.count == 2, let rate = Double(parts[0]), let bytes = Int(parts[1]) else {
            throw BenchError("child rebuild printed: \(output)")
        }
        return (rate, bytes)
    }

    static func childRebuild(path: String) async throws {
        let store = try SQLiteEventStore.open(at: path, projections: LedgerService.projections)
        let rate = try await StoreRuns(workload: Workload(), folder: "/tmp").rebuild(store)
        print("\(rate) \(peakMemory())")
    }

    /// The release `channel-ledger` beside this executable.
    var cliBinary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("channel-ledger").path
    }
}
