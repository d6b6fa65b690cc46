import ChannelLedgerTesting
import Foundation
import Testing

/// Tamper evidence through the CLI, on SQLite and on PostgreSQL: any one change made behind the
/// store's back (a payload byte, a type, a time, a stream's name; sampled across the log), a
/// deleted event, two swapped events and a cut tail make `verify` fail (exit 8) in one line that
/// names the first bad position. Each change is made with the database's own shell on a fresh
/// import of the same export.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct TamperCLITests {
    /// One change to the log, as SQL for either store; `first` is the position `verify` must name.
    struct Change: CustomStringConvertible {
        var description: String
        var sql: (_ table: (String) -> String) -> String
        var first: Int
    }

    enum Kind: String, CaseIterable, CustomStringConvertible {
        case sqlite, postgres
        var description: String { rawValue }
    }

    @Test(arguments: Kind.allCases)
    func everyChangeBehindTheStoresBackIsNamedByVerify(kind: Kind) async throws {
        if kind == .postgres, PostgresCLIServer.url == nil, ProcessInfo.processInfo.environment["CI"] != "true" {
            return  // no server here; under CI=true the suite requires one
        }
        let (base, _) = try await CrashCLITests.twoLiveChannels()
        let hooks = base.path("hooks.jsonl")
        try (try await base.exec("sandbox", "webhooks")).stdout.write(toFile: hooks, atomically: true, encoding: .utf8)
        #expect(try await base.exec("orders", "import", hooks).status == 0)
        let export = base.path("export.jsonl")
        #expect(try await base.exec("export", export).status == 0)
        let head = try #require(try await base.exec("status", "--json").object()["headPosition"] as? Int)

        var generator = SplitMix(state: 0x5eed_7a3e)
        func position() -> Int { 2 + Int(generator.next() % UInt64(head - 2)) }
        var changes: [Change] = []
        var flips: [Int] = []
        for _ in 0..<4 { flips.append(position()) }
        for _ in 0..<2 {
            let at = position()
            changes.append(
                Change(
                    description: "the type at \(at)",
                    sql: { "UPDATE \($0("events")) SET type = type || 'x' WHERE position = \(at)" }, first: at))
            let time = position()
            changes.append(
                Change(
                    description: "the time at \(time)",
                    sql: { "UPDATE \($0("events")) SET recorded_at = recorded_at + 1 WHERE position = \(time)" },
                    first: time))
        }
        let deleted = position()
        changes.append(
            Change(
                description: "the event at \(deleted) deleted",
                sql: { "DELETE FROM \($0("events")) WHERE position = \(deleted)" }, first: deleted))
        let (one, other) = (position(), position())
        let (low, high) = (min(one, other), max(one, other) == min(one, other) ? min(one, other) + 1 : max(one, other))
        changes.append(
            Change(
                description: "the events at \(low) and \(high) swapped (type and payload)",
                sql: { table in
                    """
                    CREATE TEMP TABLE swapped AS SELECT position, type, payload FROM \(table("events"))
                        WHERE position IN (\(low), \(high));
                    UPDATE \(table("events")) SET
                        type = (SELECT s.type FROM swapped s WHERE s.position = \(low + high) - \(table("events")).position),
                        payload = (SELECT s.payload FROM swapped s WHERE s.position = \(low + high) - \(table("events")).position)
                        WHERE position IN (\(low), \(high));
                    """
                }, first: low))
        changes.append(
            Change(
                description: "the last three events cut",
                sql: { "DELETE FROM \($0("events")) WHERE position > \(head - 3)" }, first: head - 2))

        for at in flips {
            let store = try kind == .sqlite ? base.path("flipped-\(at).sqlite") : Self.schemaURL()
            #expect(try await base.exec("import", export, "--store", store).status == 0)
            try await Self.flipPayloadByte(kind, at, on: store, base)
            let verify = try await base.exec("verify", "--store", store)
            #expect(
                verify.status == 8 && verify.errorLines.count == 1
                    && verify.stderr.contains("first bad position \(at)\n"),
                "\(kind), one payload byte at \(at): \(verify)")
        }

        for change in changes {
            let store =
                try kind == .sqlite ? base.path("tampered-\(UUID().uuidString.prefix(8)).sqlite") : Self.schemaURL()
            let imported = try await base.exec("import", export, "--store", store)
            try #require(imported.status == 0, "\(imported)")
            try await Self.run(kind, change.sql({ Self.table(kind, store, $0) }), on: store, base)
            let verify = try await base.exec("verify", "--store", store)
            #expect(verify.status == 8, "\(kind), \(change): \(verify)")
            #expect(verify.errorLines.count == 1 && verify.stdout.isEmpty, "\(kind), \(change): one line: \(verify)")
            #expect(
                verify.stderr.contains("first bad position \(change.first)\n"),
                "\(kind), \(change): names position \(change.first): \(verify.stderr)")
        }

        // A stream's name changed: every event of the stream is off; the first of them is named.
        let store = try kind == .sqlite ? base.path("renamed-stream.sqlite") : Self.schemaURL()
        #expect(try await base.exec("import", export, "--store", store).status == 0)
        let log = try await base.exec("history", "--json", "--store", store).lines()
        let target = try #require(log.last { ($0["stream"] as? String)?.hasPrefix("order:") == true })
        let stream = try #require(target["stream"] as? String)
        let first = try #require(log.first { $0["stream"] as? String == stream }?["position"] as? Int)
        try await Self.run(
            kind, "UPDATE \(Self.table(kind, store, "streams")) SET name = name || 'x' WHERE name = '\(stream)'",
            on: store, base)
        let verify = try await base.exec("verify", "--store", store)
        #expect(verify.status == 8 && verify.stderr.contains("first bad position \(first)\n"), "\(kind): \(verify)")
    }

    /// A PostgreSQL store URL in a fresh schema.
    static func schemaURL() throws -> String {
        let url = try #require(
            PostgresCLIServer.url,
            "CI=true but no PostgreSQL answers at \(PostgresCLIServer.baseURL); run `make postgres`")
        return url + (url.contains("?") ? "&" : "?") + "schema=tamper_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A table's name as the database's shell needs it: bare on SQLite, schema-qualified on PostgreSQL.
    static func table(_ kind: Kind, _ store: String, _ name: String) -> String {
        guard kind == .postgres, let schema = store.firstMatch(of: /schema=([a-z0-9_]+)/)?.1 else { return name }
        return "\(schema).\(name)"
    }

    /// XORs the middle byte of the payload at `position` with 0x20.
    static func flipPayloadByte(_ kind: Kind, _ position: Int, on store: String, _ cli: CLI) async throws {
        let events = table(kind, store, "events")
        switch kind {
        case .postgres:
            try await run(
                kind,
                "UPDATE \(events) SET payload = set_byte(payload, octet_length(payload) / 2, "
                    + "get_byte(payload, octet_length(payload) / 2) # 32) WHERE position = \(position)",
                on: store, cli)
        case .sqlite:
            // SQLite has no byte setter: the blob as hex, one byte changed, written back.
            let quoted = try await offThePool {
                try cli.sqlite3(store, "SELECT hex(payload) FROM events WHERE position = \(position)")
            }
            var bytes = Array(quoted.trimmingCharacters(in: CharacterSet(charactersIn: "'\n")))
            let middle = bytes.count / 4 * 2  // the first hex digit of the middle byte
            let high = try #require(bytes[middle].hexDigitValue)
            bytes[middle] = Character(String(high ^ 0x2, radix: 16, uppercase: true))
            try await run(
                kind, "UPDATE events SET payload = X'\(String(bytes))' WHERE position = \(position)", on: store, cli)
        }
    }

    /// Runs `sql` with the database's own shell, as someone with the file or a superuser would.
    static func run(_ kind: Kind, _ sql: String, on store: String, _ cli: CLI) async throws {
        switch kind {
        case .sqlite:
            try await offThePool { try cli.sqlite3(store, sql, writing: true) }
        case .postgres:
            _ = try await offThePool { try PostgresCLIServer.query(sql) }
        }
    }
}
