import EventSourcing
import Foundation
import Testing

/// `orders` and `sandbox webhooks` typed as a user would: the sandbox's webhooks imported, orders
/// listed and shown with their reasons, moved by hand, re-run without duplicates.
@Suite struct OrdersCLITests {
    /// A store with US Store live on the first sandbox account and EU Store ready (not live) on the
    /// second; the sandbox's webhooks written to `hooks.jsonl`.
    static func ledgerWithWebhooks() throws -> (CLI, SandboxAccounts, String) {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        try #require(try cli("channels", "launch", "US Store").status == 0)
        try cli.readyChannel("EU Store", sandbox.accounts[1])
        let hooks = try cli("sandbox", "webhooks")
        try #require(hooks.status == 0, "\(hooks)")
        let file = cli.folder.appendingPathComponent("hooks.jsonl").path
        try Data(hooks.stdout.utf8).write(to: URL(fileURLWithPath: file))
        return (cli, sandbox, file)
    }

    static func orderLines(_ hooks: String) throws -> [[String: Any]] {
        try hooks.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func importedWebhooksAreOrdersOfTheLiveOwnerOrUnassociatedAndARunAgainRecordsNothing() throws {
        let (cli, sandbox, file) = try Self.ledgerWithWebhooks()
        let lines = try Self.orderLines(try String(contentsOfFile: file, encoding: .utf8))
        let confirmed = lines.filter { $0["eventDescriptor"] as? String == "ORDER_CONFIRMED" }
        let distinct = Set(confirmed.compactMap { $0["idempotencyKey"] as? String })

        let run = try cli("orders", "import", file, "--json")
        #expect(run.status == 0, "\(run)")
        let summary = try run.object()
        #expect(summary["received"] as? Int == distinct.count)
        #expect(summary["duplicates"] as? Int == confirmed.count - distinct.count, "the redelivery")
        let usOrders = confirmed.filter {
            ($0["resources"] as? [String])?.first?.contains(sandbox.accounts[0].targetId) == true
        }
        #expect(summary["associated"] as? Int == Set(usOrders.compactMap { $0["idempotencyKey"] as? String }).count)

        let head = try cli.headPosition()
        let again = try cli("orders", "import", file)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("0 orders received") && again.stdout.contains("\(lines.count) already recorded"))
        #expect(try cli.headPosition() == head, "a run again records nothing")

        let us = try cli("orders", "list", "--channel", "US Store", "--limit", "1000", "--json").array()
        #expect(us.count == Set(usOrders.compactMap { $0["idempotencyKey"] as? String }).count)
        #expect(us.allSatisfy { ($0["reason"] as? [String: Any])?["name"] as? String == "by-target-id" })
        #expect(us.allSatisfy { $0["channel"] as? String == "US Store" })
        let waiting = try cli("orders", "list", "--unassociated", "--limit", "1000", "--json").array()
        #expect(waiting.count == distinct.count - us.count, "EU Store is not live, the third account has no channel")
        #expect(try cli("verify").status == 0)
    }

    @Test func aPageAtATimeWithTheNextPageOnStderr() throws {
        let (cli, _, file) = try Self.ledgerWithWebhooks()
        #expect(try cli("orders", "import", file).status == 0)
        let first = try cli("orders", "list", "--limit", "2", "--json")
        #expect(first.status == 0, "\(first)")
        let ids = try first.array().compactMap { $0["orderId"] as? String }
        #expect(ids.count == 2 && ids == ids.sorted())
        let next = try #require(
            first.stderr.split(separator: " ").last.map { String($0).trimmingCharacters(in: .newlines) })
        #expect(next == ids[1], "\(first.stderr)")
        let second = try cli("orders", "list", "--limit", "2", "--after", next, "--json").array()
        #expect(second.compactMap { $0["orderId"] as? String }.allSatisfy { $0 > next })
        for bad in [["--limit", "0"], ["--since", "yesterday"], ["--channel", "US Store", "--unassociated"]] {
            let run = try cli.run(["orders", "list"] + bad)
            #expect(run.status == 64 && run.stderr.hasPrefix("Error: --"), "\(bad): \(run)")
        }
    }

    @Test func anOrderShowsItsCustomerAndEveryEventWithItsReason() throws {
        let (cli, sandbox, file) = try Self.ledgerWithWebhooks()
        #expect(try cli("orders", "import", file).status == 0)
        let orders = try cli("sandbox", "orders", "--json").array()
        let order = try #require(orders.first { $0["targetId"] as? String == sandbox.accounts[0].targetId })
        let body = try #require(order["order"] as? [String: Any])
        let id = try #require(body["id"] as? String)
        let contact = try #require((body["customer"] as? [String: Any])?["contact"] as? [String: String])

        let shown = try cli("orders", "show", id)
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("US Store") && shown.stdout.contains("rule by-target-id (flow revision 0)"))
        #expect(shown.stdout.contains(try #require(contact["name"])))
        let json = try cli("orders", "show", id, "--json").object()
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.compactMap { $0["type"] as? String } == ["OrderReceived", "OrderAssociated"])
        #expect(events.allSatisfy { $0["source"] as? String == "import" })

        // The log itself never holds the customer's name or email.
        let log = try cli("export", "-")
        #expect(log.status == 0)
        let (name, email) = (try #require(contact["name"]), try #require(contact["email"]))
        #expect(!log.stdout.contains(name) && !log.stdout.contains(email))
        let missing = try cli("orders", "show", "322-NONE-000000")
        #expect(missing.status == 4 && missing.errorLines.count == 1, "\(missing)")
    }

    @Test func ordersAreMovedByHandOnlyToLiveChannelsAndReassessPlacesTheWaitingOnes() throws {
        let (cli, sandbox, file) = try Self.ledgerWithWebhooks()
        #expect(try cli("orders", "import", file).status == 0)
        let eu = try cli("orders", "list", "--unassociated", "--limit", "1000", "--json").array().filter {
            $0["targetId"] as? String == sandbox.accounts[1].targetId
        }
        let waiting = try #require(eu.first?["orderId"] as? String)

        let refused = try cli("orders", "associate", waiting, "--channel", "EU Store")
        #expect(refused.status == 3 && refused.errorLines.count == 1, "EU Store is not live: \(refused)")
        #expect(
            refused.stderr.contains(#"channel "EU Store""#)
                && refused.stderr.contains(#"launch it with `channel-ledger channels launch "EU Store"`"#),
            "names the channel and the command that makes it live: \(refused)")
        #expect(try cli("channels", "launch", "EU Store").status == 0)
        let reassess = try cli("orders", "reassess", "--json")
        #expect(reassess.status == 0, "\(reassess)")
        #expect(try reassess.object()["associated"] as? Int == eu.count)
        let placed = try cli("orders", "show", waiting, "--json").object()
        #expect(placed["channel"] as? String == "EU Store")
        let again = try cli("orders", "associate", waiting, "--channel", "US Store")
        #expect(again.status == 3 && again.errorLines.count == 1, "\(again)")
        #expect(
            again.stderr.contains(#"already associated with channel "EU Store""#)
                && again.stderr.contains("orders reassociate"), "\(again)")

        let noReason = try cli("orders", "reassociate", waiting, "--channel", "US Store")
        #expect(noReason.status == 64, "--reason is required: \(noReason)")
        let moved = try cli("orders", "reassociate", waiting, "--channel", "US Store", "--reason", "wholesale account")
        #expect(moved.status == 0, "\(moved)")
        #expect(moved.stdout.contains("moved to \"US Store\"") && moved.stdout.contains("manual: wholesale account"))
        let history = try cli("orders", "show", waiting, "--json").object()["events"] as? [[String: Any]]
        #expect(history?.last?["fromChannel"] as? String == "EU Store")
        #expect(history?.last?["type"] as? String == "OrderReassociated")
    }

    @Test func aBadLineIsReportedAndTheRestAreTaken() throws {
        let (cli, _, file) = try Self.ledgerWithWebhooks()
        let good = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").prefix(3)
        let mixed = cli.folder.appendingPathComponent("mixed.jsonl").path
        let text =
            ([
                String(good[0]), "{not json", String(good[1]),
                #"{"eventDescriptor":"ORDER_CONFIRMED","idempotencyKey":"x"}"#, String(good[2]),
            ]).joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: mixed))

        let run = try cli("orders", "import", mixed)
        #expect(run.status == 64, "\(run)")
        #expect(run.errorLines.count == 1 && run.stderr.contains("line 2 and 1 more not imported"), "\(run.stderr)")
        #expect(run.stdout.contains("3 orders received"), "\(run)")
        let missing = try cli("orders", "import", cli.folder.appendingPathComponent("nope.jsonl").path)
        #expect(missing.status == 4 && missing.errorLines.count == 1, "\(missing)")
        #expect(missing.stderr.contains("event envelopes"), "\(missing)")
        let folder = try cli("orders", "import", cli.folder.path)
        #expect(folder.status == 64 && folder.stderr.contains("is a folder"), "\(folder)")
    }
}

extension OrdersCLITests {
    @Test func aForgottenCustomersDataAndKeyAreInNoFileAndNoOutputAfterwards() throws {
        let (cli, _, file) = try Self.ledgerWithWebhooks()
        #expect(try cli("orders", "import", file).status == 0)
        let orders = try cli("orders", "list", "--channel", "US Store", "--json").array()
        let order = try #require(orders.first)
        let customer = try #require(order["customer"] as? [String: Any])
        let (id, name, email) = (
            try #require(customer["id"] as? String), try #require(customer["name"] as? String),
            try #require(customer["email"] as? String)
        )
        let orderId = try #require(order["orderId"] as? String)
        let key = try Self.sqlite(cli.store, "SELECT hex(sealed) FROM subject_keys WHERE subject = 'customer:\(id)'")
        try #require(key.count > 32, "the customer has a key before: \(key)")
        let keyBytes = try #require(Data(hex: key.lowercased()))

        let forget = try cli("orders", "forget-customer", id)
        #expect(forget.status == 0, "\(forget)")
        #expect(forget.stdout.contains("forgotten") && forget.stderr.isEmpty, "\(forget)")
        let afterwards = [
            try cli("orders", "show", orderId), try cli("orders", "show", orderId, "--json"),
            try cli("orders", "list", "--json"), try cli("history", "--json"), try cli("export", "-"),
        ]
        #expect(afterwards.allSatisfy { $0.status == 0 })
        #expect(afterwards[0].stdout.contains("Name         <forgotten>"), "\(afterwards[0])")
        #expect(try cli("verify").status == 0, "the chain is untouched")
        // Names repeat among the sandbox's customers; an email is one customer's.
        for run in afterwards { #expect(!run.stdout.contains(email), "\(run.stdout.prefix(300))") }
        for run in afterwards.prefix(2) { #expect(!run.stdout.contains(name), "\(run)") }
        let theirs = try afterwards[2].array().filter { ($0["customer"] as? [String: Any])?["id"] as? String == id }
        #expect(!theirs.isEmpty)
        #expect(theirs.allSatisfy { ($0["customer"] as? [String: Any])?["name"] as? String == "<forgotten>" })
        let domain = String(email.split(separator: "@")[1])
        #expect(afterwards[1].stdout.contains(domain), "the email domain is a routing field, kept")
        let storeFiles = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path)
            .filter { $0.hasPrefix("ledger.sqlite") }
        #expect(storeFiles.contains("ledger.sqlite"))
        for file in storeFiles {
            let bytes = try Data(contentsOf: cli.folder.appendingPathComponent(file))
            #expect(bytes.range(of: keyBytes) == nil, "\(file) still holds the key")
            #expect(bytes.range(of: Data(email.utf8)) == nil, "\(file) holds the email")
            #expect(bytes.range(of: Data(name.utf8)) == nil, "\(file) holds the name")
        }
        let again = try cli("orders", "forget-customer", id, "--json").object()
        #expect(again["recorded"] as? Bool == false && again["scrub"] as? String == "completed")
    }

    /// `sqlite3 PATH SQL`: the first column of the first row.
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
