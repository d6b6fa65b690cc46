import ChannelLedger
import EventSourcing
@_spi(Testing) import EventStorePostgres
import EventStoreSQLite
import Foundation
import LedgerWiring
import Logging
import SandboxTransport
import Transport

/// `channel-ledger-bench`: ChannelLedger's figures beside raw SQLite's, measured in the same run.
///
/// Usage: `channel-ledger-bench [--quick] [--json] [--runs N] [--only SECTION,...] [--postgres URL]`.
/// Every figure is the median of N runs (default 5) with min and max; each target is a ratio to a
/// reference from this run. Sections: append, singles, read, rebuild, query, http, orders, intake,
/// publish, postgres (the last only with `--postgres`).
@main
struct Bench {
    struct Settings {
        var quick = false
        var json = false
        /// Whether the stores are kept after the run (`--keep`), to profile one (`--child-rebuild PATH`).
        var keep = false
        var runs = 5
        var appendEvents: Int { quick ? 10_000 : 100_000 }
        var singleEvents: Int { quick ? 300 : 2_000 }
        var logEvents: Int { quick ? 100_000 : 1_000_000 }
        var queryRuns: Int { quick ? 5 : 9 }
        var orderFetches: Int { quick ? 1_000 : 5_000 }
        var intakeOrders: Int { quick ? 500 : 2_000 }
        var publishOrders: Int { quick ? 500 : 2_000 }
        var largeOrderStore: Int { quick ? 50_000 : 500_000 }
        /// A PostgreSQL database to measure too (`--postgres URL`); each run gets a schema, dropped at the end.
        var postgres: String?
        /// The sections to run (`--only`); every one when nil.
        var only: Set<Section>?

        func runs(_ section: Section) -> Bool { only?.contains(section) ?? true }
    }

    /// The parts of a run, which `--only` picks from.
    enum Section: String, CaseIterable {
        case append, singles, read, rebuild, query, asOf = "asof", imports = "import", http, orders, intake, publish,
            postgres
    }

    static let usage =
        "usage: channel-ledger-bench [--quick] [--json] [--keep] [--runs N] [--only \(Section.allCases.map(\.rawValue).joined(separator: ","))] [--postgres URL]\n"

    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--child-rebuild", arguments.count == 2 {
            return try await childRebuild(path: arguments[1])
        }
        var settings = Settings()
        while let argument = arguments.first {
            arguments.removeFirst()
            switch argument {
            case "--quick": settings.quick = true
            case "--json": settings.json = true
            case "--keep": settings.keep = true
            case "--runs": settings.runs = Int(arguments.removeFirst()) ?? 5
            case "--postgres": settings.postgres = arguments.removeFirst()
            case "--only":
                let names = arguments.first?.split(separator: ",").map(String.init) ?? []
                let sections = names.compactMap(Section.init(rawValue:))
                guard !names.isEmpty, sections.count == names.count else {
                    FileHandle.standardError.write(Data(usage.utf8))
                    exit(64)
                }
                arguments.removeFirst()
                settings.only = Set(sections)
            default:
                FileHandle.standardError.write(Data(usage.utf8))
                exit(64)
            }
        }
        if settings.only?.contains(.postgres) == true, settings.postgres == nil {
            FileHandle.standardError.write(Data("channel-ledger-bench: --only postgres needs --postgres URL\n".utf8))
            exit(64)
        }
        Workload.warmUp()
        let report = try await Bench(settings: settings).run()
        print(settings.json ? report.json() : report.table())
    }

    let settings: Settings
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("channel-ledger-bench-\(getpid())").path
    var workload = Workload()

    init(settings: Settings) {
        self.settings = settings
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data("bench: \(text)\n".utf8))
    }

    func run() async throws -> Report {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer {
            if settings.keep {
                note("kept the stores in \(folder)")
            } else {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        let runs = StoreRuns(workload: workload, folder: folder)
        var report = Report(settings: settings)
        if settings.runs(.append) { try await measureAppends(runs: runs, into: &report) }
        if settings.runs(.singles) { try await measureSingles(runs: runs, into: &report) }
        if settings.runs(.read) || settings.runs(.rebuild) || settings.runs(.query) || settings.runs(.imports) {
            note("building a \(settings.logEvents)-event log (10,000 streams + one 10,000-event stream)")
            let big = try await buildLog(events: settings.logEvents, runs: runs)
            var rawDecode: Sample?
            if settings.runs(.read) { rawDecode = try await measureReads(of: big, runs: runs, into: &report) }
            if settings.runs(.rebuild) {
                try await measureRebuilds(of: big, rawDecode: rawDecode, runs: runs, into: &report)
            }
            if settings.runs(.query) { try await measureQueries(on: big, runs: runs, into: &report) }
            if settings.runs(.imports) { try await measureImport(of: big, runs: runs, into: &report) }
        }
        if settings.runs(.asOf) { try await measureAsOf(runs: runs, into: &report) }
        if settings.runs(.http) { try await measureOrderFetches(into: &report) }
        if settings.runs(.publish) { try await measurePublishing(into: &report) }
        if settings.runs(.orders) {
            try await measureOrders(runs: runs, into: &report)
        } else if settings.runs(.intake) {
            try await measureIntake(runs: runs, into: &report)
        }
        if let postgres = settings.postgres, settings.runs(.postgres) {
            try await measurePostgres(postgres, runs: runs, into: &report)
        }
        return report
    }

    /// 100-event batches: raw-limit, raw-same and the store.
    func measureAppends(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        note("append: \(settings.appendEvents) events in batches of \(workload.batchSize), \(n) runs each")
        let rawLimit = try await Sample.measure(runs: n) {
            let raw = try RawSQLite(path: runs.freshPath("raw-limit"))
            return Double(settings.appendEvents)
                / (try await seconds { try raw.appendLimit(total: settings.appendEvents, workload: workload) })
        }
        let rawSame = try await Sample.measure(runs: n) {
            let raw = try RawSQLite(path: runs.freshPath("raw-same"))
            return Double(settings.appendEvents)
                / (try await seconds { try raw.appendSame(total: settings.appendEvents, workload: workload) })
        }
        let batched = try await Sample.measure(runs: n) { try await runs.appendBatched(total: settings.appendEvents) }
        report.add("raw-limit append, 100/tx", rawLimit, unit: "events/s")
        report.add("raw-same append, 100/tx", rawSame, unit: "events/s")
        report.add(
            "append, 100-event batches", batched, unit: "events/s", reference: ("raw-limit", rawLimit.median),
            target: 0.5)
        report.add(
            "append vs raw-same", batched, unit: "events/s", reference: ("raw-same", rawSame.median), target: nil)
    }

    /// Single-event durable commits, by one caller and by 16.
    func measureSingles(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        note("append: \(settings.singleEvents) single-event durable commits (synchronous=FULL)")
        /// Events/s of a raw reference in a fresh file (a table created first, as the store's file has).
        func raw(_ name: String, _ append: @escaping (RawSQLite) throws -> Void) async throws -> Sample {
            try await Sample.measure(runs: n) {
                let raw = try RawSQLite(path: runs.freshPath(name))
                try raw.exec(
                    RawSQLite.limitSchema.replacingOccurrences(of: "CREATE TABLE events", with: "CREATE TABLE warmup"))
                return Double(settings.singleEvents) / (try await seconds { try append(raw) })
            }
        }
        let rawSingles = try await raw("raw-singles") { try $0.appendSingles(total: settings.singleEvents) }
        let rawSameSingles = try await raw("raw-same-singles") {
            try $0.appendSameSingles(total: settings.singleEvents)
        }
        let singles = try await Sample.measure(runs: n) { try await runs.appendSingles(total: settings.singleEvents) }
        let concurrent = try await Sample.measure(runs: n) {
            try await runs.appendConcurrent(total: settings.singleEvents, callers: 16)
        }
        report.add("raw single-row durable commits", rawSingles, unit: "events/s")
        report.add("raw-same single durable commits", rawSameSingles, unit: "events/s")
        report.add(
            "append, single events", singles, unit: "events/s", reference: ("raw single commits", rawSingles.median),
            target: 0.8)
        report.add(
            "append, single events vs raw-same", singles, unit: "events/s",
            reference: ("raw-same singles", rawSameSingles.median), target: 0.7)
        report.add(
            "append, 16 concurrent callers", concurrent, unit: "events/s", reference: ("single caller", singles.median),
            target: 3)
    }

    /// Reads of the whole log (raw and ours, with and without decoding), one stream, verify;
    /// returns the raw decoding scan, the rebuild's reference.
    func measureReads(of big: String, runs: StoreRuns, into report: inout Report) async throws -> Sample {
        let n = settings.runs
        let store = try SQLiteEventStore.open(at: big, projections: LedgerService.projections)
        let rawReader = try RawSQLite(path: big)
        let rawScan = try await Sample.measure(runs: n) {
            Double(try rawReader.scan(decode: false)) / (try await seconds { _ = try rawReader.scan(decode: false) })
        }
        let rawDecode = try await measureRawDecode(rawReader)
        let read = try await Sample.measure(runs: n) { try await runs.readAll(store, decode: false) }
        let readDecoded = try await Sample.measure(runs: n) { try await runs.readAll(store, decode: true) }
        report.add("raw scan", rawScan, unit: "events/s")
        report.add("raw scan + JSONDecoder", rawDecode, unit: "events/s")
        report.add(
            "read all, no decoding", read, unit: "events/s", reference: ("raw scan", rawScan.median), target: nil)
        report.add(
            "read all, decoding payloads", readDecoded, unit: "events/s", reference: ("raw scan", rawScan.median),
            target: 0.3)
        let stream = try await Sample.measure(runs: n) {
            try await runs.loadStream(store, StreamName(category: Workload.category, id: "big"), expecting: 10_000)
        }
        report.add(
            "load one 10,000-event stream", stream, unit: "ms", reference: ("limit 20 ms", 20), target: 1,
            lowerIsBetter: true)
        let verify = try await Sample.measure(runs: n) { try await runs.verify(store) }
        report.add("verify hash chain", verify, unit: "events/s", reference: ("target 500k/s", 500_000), target: 1)
        return rawDecode
    }

    /// Raw SQLite scanning the log and decoding each order payload with JSONDecoder: the naive rebuild.
    func measureRawDecode(_ rawReader: RawSQLite) async throws -> Sample {
        try await Sample.measure(runs: settings.runs) {
            var rows = 0
            let elapsed = try await seconds { rows = try rawReader.scan(decode: true) }
            return Double(rows) / elapsed
        }
    }

    /// `channel-ledger import` of the big log's export into a new store, whole process (the open
    /// that ends it rebuilds the read models), beside the same store's 100-event batched appends.
    func measureImport(of big: String, runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        note("import: the log's export into a new store, \(n) runs, beside batched appends")
        let appends = try await Sample.measure(runs: n) { try await runs.appendBatched(total: settings.appendEvents) }
        let (events, imports) = try await importRates(of: big, through: folder + "/big-export.jsonl") {
            runs.freshPath("imported")
        }
        report.add("append, batches of \(workload.batchSize) (import's reference)", appends, unit: "events/s")
        report.add(
            "import of a \(events)-event export into a new store", imports, unit: "events/s",
            reference: ("batched appends", appends.median), target: 0.8)
    }

    /// Exports the SQLite log at `log` to `file` with the release CLI, then imports it into a new
    /// store (`target` names each) once per run: the log's events and the whole-process rates.
    func importRates(of log: String, through file: String, into target: () -> String) async throws -> (Int64, Sample) {
        _ = try runCLI(["export", file, "--store", log])
        let events = try await SQLiteEventStore.open(at: log, projections: []).head().position
        let imports = try await Sample.measure(runs: settings.runs) {
            Double(events) / (try timeCLI(["import", file, "--store", target()]) / 1000)
        }
        return (events, imports)
    }

    /// Whole-process `channels list --json` on an empty store and on the big one.
    func measureQueries(on big: String, runs: StoreRuns, into report: inout Report) async throws {
        note("query: whole-process `channels list --json`, \(settings.queryRuns) runs on each store")
        let empty = try await buildLog(events: 0, runs: runs)
        let queryEmpty = try Sample(
            values: (0..<settings.queryRuns).map { _ in try timeCLI(["channels", "list", "--json", "--store", empty]) })
        let queryBig = try Sample(
            values: (0..<settings.queryRuns).map { _ in try timeCLI(["channels", "list", "--json", "--store", big]) })
        report.add("query on an empty store", queryEmpty, unit: "ms", lowerIsBetter: true)
        report.add(
            "query on the \(settings.logEvents)-event store", queryBig, unit: "ms",
            reference: ("empty store", queryEmpty.median), target: 1.5, lowerIsBetter: true)
        // The first page of the 10,000-event stream: read a page at a time, not the whole stream.
        let stream = StreamName(category: Workload.category, id: "big").rawValue
        let firstPage = try Sample(
            values: (0..<settings.queryRuns).map { _ in
                try timeCLI(["history", "--stream", stream, "--limit", "5", "--json", "--store", big])
            })
        report.add(
            "history --stream (10,000 events) --limit 5", firstPage, unit: "ms",
            reference: ("empty-store query", queryEmpty.median), target: 1.5, lowerIsBetter: true)
        // Every event counted: one aggregate query, not a read of the log.
        let stats = try Sample(
            values: (0..<settings.queryRuns).map { _ in try timeCLI(["stats", "--json", "--store", big]) })
        report.add(
            "stats on the \(settings.logEvents)-event store", stats, unit: "ms", reference: ("budget 1 s", 1_000),
            target: 1, lowerIsBetter: true)
    }

    /// A store with two demo channels, then `events` order events and one 10,000-event stream.
    func buildLog(events: Int, runs: StoreRuns) async throws -> String {
        let path = runs.freshPath(events == 0 ? "empty" : "log")
        _ = try await OrderRuns.demoLedger(at: path)
        guard events > 0 else { return path }
        let store = try SQLiteEventStore.open(at: path, projections: LedgerService.projections)
        let time = Timestamp(Date())
        for batch in 0..<100 {
            try await store.append(
                Workload.batch(first: batch * 100, count: 100, at: time),
                to: StreamName(category: Workload.category, id: "big"),
                expected: .at(Int64(batch * 100)))
        }
        _ = try await runs.appendBatched(total: max(0, events - 10_000), into: store)
        return path
    }

}
