import Foundation
import Testing

/// `channel-ledger upgrade` on a single-account ledger (format 0), as a user would run it on a copy
/// of `Tests/Fixtures/ledger-format-0.sqlite` (Docs/operations.md, "Upgrading a single-account ledger").
@Suite struct UpgradeCLITests {
    @Test func theFixtureUpgradesToALiveDefaultHoldingEveryEarlierOrder() throws {
        let fixture = try #require(CLI.formatZeroFixtureBytes())
        let cli = try CLI.onFormatZeroCopy()
        let before = try cli.log()
        let orderIds = Set(
            before.filter { $0["type"] as? String == "OrderReceived" }.compactMap { $0["stream"] as? String })
        #expect(orderIds.count >= 10, "the fixture holds orders")
        #expect(!before.contains { ($0["type"] as? String)?.hasPrefix("OrderAssociated") == true })

        // Buy with Prime is not called: the credentials are recorded as authorized as they were,
        // so the upgrade succeeds with every sandbox call failing.
        let upgrade = try cli("upgrade", "--json", env: ["CHANNEL_LEDGER_SANDBOX_UNAVAILABLE": "1"])
        #expect(upgrade.status == 0, "\(upgrade)")
        let outcome = try upgrade.object()
        #expect(outcome["from"] as? Int == 0)
        #expect(outcome["to"] as? Int == 1)
        #expect(outcome["upgraded"] as? Bool == true)
        #expect(outcome["changed"] as? Bool == true)
        #expect(outcome["ordersAssociated"] as? Int == orderIds.count)
        #expect(outcome["ordersLeft"] as? Int == 0)
        let channel = try #require(outcome["channel"] as? [String: Any])
        #expect(channel["name"] as? String == "Default")
        #expect(channel["status"] as? String == "live")
        #expect(try cli("verify").status == 0)

        // Appended, never rewritten: the old log is a prefix of the new one.
        let after = try cli.log()
        #expect(after.prefix(before.count).map { $0["hash"] as? String } == before.map { $0["hash"] as? String })
        let added = after.dropFirst(before.count)
        let upgraded = try #require(added.first)
        #expect(upgraded["type"] as? String == "LedgerUpgraded")
        #expect(upgraded["stream"] as? String == "ledger")
        let cause = try #require(upgraded["eventId"] as? String)
        for event in added {
            #expect(event["source"] as? String == "upgrade", "\(event)")
            if event["type"] as? String != "LedgerUpgraded" {
                #expect(event["causationId"] as? String == cause, "\(event)")
            }
        }
        let types = added.compactMap { $0["type"] as? String }
        #expect(types.filter { $0 == "OrderAssociated" }.count == orderIds.count)
        #expect(types.contains("CredentialsAuthorized") && types.contains("ChannelLaunched"))
        #expect(types.filter { $0 == "MappingActivated" }.count == 9)

        let orders = try cli("orders", "list", "--json", "--limit", "1000").array()
        #expect(orders.count == orderIds.count)
        for order in orders {
            #expect(order["channel"] as? String == "Default")
            #expect((order["reason"] as? [String: Any])?["kind"] as? String == "upgrade")
        }
        let shown = try cli("channels", "show", "Default", "--json").object()
        #expect(shown["credentials"] as? String == "authorized", "\(shown)")
        #expect(shown["targetId"] as? String == "A1V6B8K3QZ7XUS", "the account's target ID: \(shown)")

        // Again: nothing to do, exit 0, nothing recorded.
        let again = try cli("upgrade")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("already format 1"), "\(again)")
        #expect(try cli.log().count == after.count)
        #expect(try cli("upgrade", "--json").object()["changed"] as? Bool == false)
        #expect(CLI.formatZeroFixtureBytes() == fixture, "the fixture itself is never opened")
    }

    @Test func everyCommandNeedingChannelsRefusesAFormatZeroLedgerAndChangesNothing() throws {
        let cli = try CLI.onFormatZeroCopy()
        let bytes = cli.storeBytes()
        let refused: [[String]] = [
            ["channels", "list"], ["channels", "create", "EU Store"], ["orders", "list"], ["rules", "list"],
            ["orders", "reassess"], ["webhooks", "list"], ["mappings", "list", "Default"],
            ["serve", "--port", "0"], ["channels", "show", "Default"], ["orders", "import", cli.path("none.jsonl")],
            ["orders", "associate", "322-0000-000000", "--channel", "Default"], ["rules", "activate"],
        ]
        for arguments in refused {
            let run = try cli.run(arguments)
            #expect(run.status == 9, "\(arguments): \(run)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run)")
            #expect(run.stderr.contains("single-account ledger (format 0); run `channel-ledger upgrade"), "\(run)")
            #expect(cli.storeBytes() == bytes, "\(arguments) changed the store")
        }
        for arguments in [["status"], ["verify"], ["history"], ["stats"], ["export", cli.path("x.jsonl")]] {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run)")
        }
        #expect(try cli("backup", cli.path("copy.sqlite")).status == 0)
        // A customer's deletion request does not wait for the upgrade.
        let forget = try cli("orders", "forget-customer", "no-such-customer")
        #expect(forget.status == 0, "\(forget)")
        #expect(try cli("status", "--json").object()["ledgerFormat"] as? Int == 0)
    }

    @Test func anUpgradeNeedsAnAuthorizedConnectedApp() throws {
        let cli = try CLI.onNewFormatZero(orders: 3, connectedApp: false)
        let before = try cli.log().count
        let run = try cli("upgrade")
        #expect(run.status == 3, "\(run)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run)")
        #expect(run.stderr.contains("connected-app register"), "\(run)")
        #expect(try cli.log().count == before, "nothing recorded")
    }

    @Test func noOtherChannelMayTakeDefaultsName() throws {
        let cli = try CLI.onFormatZeroCopy()
        #expect(try cli("upgrade").status == 0)
        for name in ["Default", " default "] {
            let run = try cli("channels", "create", name)
            #expect(run.status == 3, "\(run)")
            #expect(run.stderr.contains("reserved"), "\(run)")
        }
        #expect(try cli("channels", "rename", "Default", "Main store").status == 0)
        let taken = try cli("channels", "create", "DEFAULT")
        #expect(taken.status == 3 && taken.stderr.contains("reserved"), "\(taken)")
        #expect(try cli("channels", "create", "Other").status == 0)
        let rename = try cli("channels", "rename", "Other", "Default")
        #expect(rename.status == 3 && rename.stderr.contains("reserved"), "\(rename)")
        #expect(try cli("channels", "rename", "Main store", "Default").status == 0, "Default takes its name back")
    }

    @Test func withoutAnAccountDefaultWaitsAsADraftAndTheOrdersFollowOnceItIsLive() throws {
        let cli = try CLI.onNewFormatZero(orders: 6, account: false)
        let upgrade = try cli("upgrade", "--json")
        #expect(upgrade.status == 0, "\(upgrade)")
        let outcome = try upgrade.object()
        #expect(outcome["ordersAssociated"] as? Int == 0)
        #expect(outcome["ordersLeft"] as? Int == 6)
        #expect((outcome["channel"] as? [String: Any])?["status"] as? String == "draft", "\(outcome)")
        let waiting = try cli("upgrade")
        #expect(waiting.status == 0)
        #expect(waiting.stdout.contains("6 earlier orders left unassociated"), "\(waiting)")

        let sandbox = try SandboxAccounts(cli)
        try cli.readyChannel(existing: "Default", sandbox.accounts[0])
        #expect(try cli("channels", "launch", "Default").status == 0)
        let finish = try cli("upgrade", "--json").object()
        #expect(finish["ordersAssociated"] as? Int == 6, "\(finish)")
        #expect(finish["ordersLeft"] as? Int == 0)
        #expect(try cli("upgrade").stdout.contains("already format 1"))
    }

    @Test func aNewerFormatIsRefusedEvenByUpgrade() throws {
        let cli = try CLI.onNewFormatZero(orders: 0, format: 2)
        let bytes = cli.storeBytes()
        for arguments in [["channels", "list"], ["upgrade"]] {
            let run = try cli.run(arguments)
            #expect(run.status == 9, "\(arguments): \(run)")
            #expect(run.stderr.contains("format-2 ledger, newer than this channel-ledger reads"), "\(run)")
            #expect(cli.storeBytes() == bytes)
        }
        #expect(try cli("verify").status == 0)
    }

    @Test func twoUpgradesAtOnceMakeOneDefaultAndAssociateEachOrderOnce() throws {
        let cli = try CLI.onNewFormatZero(orders: 300)
        let started = try (0..<2).map { _ in try cli.start(["upgrade", "--json"]) }
        let runs = started.map { process, out, err in
            process.waitUntilExit()
            return cli.finish(process, out, err)
        }
        for run in runs { #expect(run.status == 0, "\(run)") }
        let outcomes = try runs.map { try $0.object() }
        #expect(outcomes.filter { $0["upgraded"] as? Bool == true }.count == 1, "one recorded LedgerUpgraded")
        #expect(outcomes.compactMap { $0["ordersAssociated"] as? Int }.reduce(0, +) == 300)
        let log = try cli.log()
        #expect(log.filter { $0["type"] as? String == "LedgerUpgraded" }.count == 1)
        #expect(log.filter { $0["type"] as? String == "ChannelCreated" }.count == 1)
        let associated = log.filter { $0["type"] as? String == "OrderAssociated" }.compactMap {
            $0["stream"] as? String
        }
        #expect(associated.count == 300 && Set(associated).count == 300, "each order once")
        #expect(try cli("verify").status == 0)
    }
}
