import ChannelLedger
@_spi(Testing) import EventStorePostgres
import Foundation
import Logging

// The PostgreSQL section.
extension Bench {
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
}
