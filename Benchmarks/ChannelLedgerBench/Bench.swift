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

    /// The orders figures: the flow's decision, intake over loopback beside the store's own
    /// 16-caller appends, and `orders list` on a large store beside a small one.
    func measureOrders(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        let orders = OrderRuns(folder: folder)
        note("orders: the flow's decision with 100 rules")
        let decision = try await Sample.measure(runs: n) { try OrderRuns.flowDecision(count: 200_000) }
        report.add(
            "flow decision, 100 rules", decision, unit: "µs/order", reference: ("budget 5 µs", 5), target: 1,
            lowerIsBetter: true)

        try await measureIntake(runs: runs, into: &report)

        let small = 5_000
        let large = settings.largeOrderStore
        note("orders: stores of \(small * 2) and \(large * 2) orders, half each channel's (appended directly)")
        let smallStore = try await orders.storeWithOrders(small)
        let largeStore = try await orders.storeWithOrders(large)
        _ = try await OrderRuns.listOrders(smallStore)
        _ = try await OrderRuns.listOrders(largeStore)
        let smallList = try await Sample.measure(runs: max(n, 9)) { try await OrderRuns.listOrders(smallStore) }
        let largeList = try await Sample.measure(runs: max(n, 9)) { try await OrderRuns.listOrders(largeStore) }
        report.add("orders list --channel --limit 100, \(small * 2) orders", smallList, unit: "ms", lowerIsBetter: true)
        report.add(
            "orders list --channel --limit 100, \(large * 2) orders", largeList, unit: "ms",
            reference: ("\(small * 2) orders", smallList.median), target: 1.5, lowerIsBetter: true)
    }

    /// Intake over loopback beside the store's own 16-caller appends (`--only intake` runs it alone).
    func measureIntake(runs: StoreRuns, into report: inout Report) async throws {
        let n = settings.runs
        let orders = OrderRuns(folder: folder)
        note("orders: intake of \(settings.intakeOrders) webhooks over loopback, 16 senders")
        let appends = try await Sample.measure(runs: n) {
            try await runs.appendConcurrent(total: settings.singleEvents, callers: 16)
        }
        let intake = try await Sample.measure(runs: n) {
            try await orders.intake(total: settings.intakeOrders, senders: 16)
        }
        let (envelopes, authorization) = try OrderRuns.envelopes(settings.intakeOrders)
        let floor = try await Sample.measure(runs: n) {
            try await WebhookFloor.run(envelopes: envelopes, authorization: authorization, senders: 16)
        }
        report.add("append, 16 concurrent callers (intake's reference)", appends, unit: "events/s")
        report.add("bare webhook server: auth, JSON parse, 200 (16 senders)", floor, unit: "deliveries/s")
        report.add(
            "intake: webhook → OrderReceived + OrderAssociated, 16 senders", intake, unit: "orders/s",
            reference: ("16-caller appends", appends.median), target: 0.5)
        report.add(
            "intake beside the bare webhook server", intake, unit: "orders/s",
            reference: ("webhook floor", floor.median))
    }

    /// Order fetches over loopback, 16 in flight: the live transport beside a bare client.
    func measureOrderFetches(into report: inout Report) async throws {
        let n = settings.runs
        note("http: \(settings.orderFetches) order fetches over loopback from the sandbox server, 16 in flight")
        let runs = try await HTTPRuns.start(inFlight: 16)
        do {
            _ = try await runs.bare(total: 200)  // warm both sides' connections
            var bare: [Double] = []
            var live: [Double] = []
            for _ in 0..<n {  // take turns, so load changes hit both alike
                bare.append(try await runs.bare(total: settings.orderFetches))
                live.append(try await runs.live(total: settings.orderFetches))
            }
            let bareSample = Sample(values: bare)
            report.add("bare AsyncHTTPClient order fetches, 16 in flight", bareSample, unit: "fetches/s")
            report.add(
                "live transport order fetches, 16 in flight", Sample(values: live), unit: "fetches/s",
                reference: ("bare client", bareSample.median), target: 0.8)
        } catch {
            try await runs.stop()
            throw error
        }
        try await runs.stop()
    }

    /// Publishing over loopback: `publish` passes beside a bare client making the same calls.
    func measurePublishing(into report: inout Report) async throws {
        let n = settings.runs
        let count = settings.publishOrders
        note("publish: \(count) orders per pass to the sandbox server's org over loopback, batches of 25")
        let runs = try await PublishRuns.start(folder: folder)
        do {
            _ = try await runs.bare(count: 100, tag: "WARM")  // warm both sides' connections
            var bare: [Double] = []
            var published: [Double] = []
            for run in 0..<n {  // take turns, so load changes hit both alike
                bare.append(try await runs.bare(count: count, tag: String(format: "B%03d", run)))
                published.append(try await runs.publish(count: count, tag: String(format: "P%03d", run)))
            }
            let bareSample = Sample(values: bare)
            report.add("bare AsyncHTTPClient: query + composite per 25 orders", bareSample, unit: "orders/s")
            report.add(
                "publish: orders written to the org and recorded", Sample(values: published), unit: "orders/s",
                reference: ("bare client", bareSample.median), target: 0.8)
        } catch {
            try await runs.stop()
            throw error
        }
        try await runs.stop()
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

    /// PostgreSQL: the append figures (batches, single events by one caller and by 16) and a
    /// rebuild of what the batches wrote, each run in a fresh schema.
    func measurePostgres(_ url: String, runs: StoreRuns, into report: inout Report) async throws {
        note(
            "PostgreSQL at \(url): \(settings.appendEvents) events in batches of \(workload.batchSize), "
                + "\(settings.singleEvents) single events by 1 and by 16 callers")
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var stores: [PostgresEventStore] = []
        var schemas: [String] = []
        defer {
            // Drop the schemas this run made (psql from the PostgreSQL client package).
            if !schemas.isEmpty {
                _ = try? runProcess(
                    "/usr/bin/env",
                    [
                        "psql", url, "-qc",
                        "SET client_min_messages = warning; DROP SCHEMA " + schemas.joined(separator: ", ")
                            + " CASCADE",
                    ])
            }
        }
        /// A store in a schema of its own, with a pool large enough for 16 callers.
        func freshStore() async throws -> PostgresEventStore {
            let schema = "bench_\(UUID().uuidString.prefix(8).lowercased())"
            schemas.append(schema)
            let store = try await PostgresEventStore.connect(
                url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)", projections: LedgerService.projections,
                logger: logger, options: PostgresStoreOptions(maximumConnections: 16))
            stores.append(store)
            return store
        }
        let (total, workload, quiet) = (settings.appendEvents, workload, logger)
        // raw-postgres and the store take turns, so the machine's drift falls on both alike.
        var (raw, append) = (Sample(values: []), Sample(values: []))
        for _ in 0..<settings.runs {
            raw.values.append(
                try await freshStore().unsafeWithConnection { connection in
                    try await RawPostgres.appendSame(total: total, workload: workload, on: connection, logger: quiet)
                })
            append.values.append(
                try await runs.appendBatched(total: settings.appendEvents, into: try await freshStore()))
        }
        let batchedStore = stores.last
        let singles = try await Sample.measure(runs: settings.runs) {
            try await runs.appendSingles(total: settings.singleEvents, into: try await freshStore())
        }
        let concurrent = try await Sample.measure(runs: settings.runs) {
            try await runs.appendConcurrent(total: settings.singleEvents, callers: 16, into: try await freshStore())
        }
        report.add("raw-postgres append, 100/tx", raw, unit: "events/s")
        report.add(
            "PostgreSQL append, 100-event batches", append, unit: "events/s", reference: ("target 60k/s", 60_000),
            target: 1)
        report.add(
            "PostgreSQL append vs raw-postgres", append, unit: "events/s", reference: ("raw-postgres", raw.median),
            target: nil)
        report.add("PostgreSQL append, single events", singles, unit: "events/s")
        report.add(
            "PostgreSQL append, 16 concurrent callers", concurrent, unit: "events/s",
            reference: ("single caller", singles.median), target: 3)
        if let store = batchedStore {
            let rebuild = try await Sample.measure(runs: settings.runs) { try await runs.rebuild(store) }
            report.add("PostgreSQL rebuild all projections", rebuild, unit: "events/s")
        }
        for store in stores { await store.close() }
        // A SQLite ledger's export imported into a new schema: moving a team's ledger to PostgreSQL.
        let log = try await buildLog(events: settings.appendEvents, runs: runs)
        let (events, imports) = try await importRates(of: log, through: folder + "/postgres-export.jsonl") {
            let schema = "bench_\(UUID().uuidString.prefix(8).lowercased())"
            schemas.append(schema)
            return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
        }
        report.add(
            "PostgreSQL import of a \(events)-event export into a new schema", imports, unit: "events/s",
            reference: ("PostgreSQL batched appends", append.median), target: 0.8)
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

    /// Runs the release `channel-ledger`; its stdout.
    func runCLI(_ arguments: [String]) throws -> String {
        try runProcess(cliBinary, arguments)
    }

    /// Whole-process wall time of the release `channel-ledger` beside this executable, in ms.
    func timeCLI(_ arguments: [String]) throws -> Double {
        let start = ContinuousClock.now
        _ = try runCLI(arguments)
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    func runProcess(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(path) \(arguments) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
