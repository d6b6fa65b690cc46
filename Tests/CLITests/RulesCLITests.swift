import Foundation
import Testing

/// `rules`: the association flow is a recorded, ordered list of rules, and `rules test` shows where
/// an order would go, and why, without recording anything.
@Suite struct RulesCLITests {
    /// A ledger with two live channels, US Store and EU Store, on the sandbox's first two accounts.
    private func liveLedger() throws -> (CLI, SandboxAccounts) {
        let cli = try CLI()
        let sandbox = try cli.prepared()
        try cli.readyChannel("US Store", sandbox.accounts[0])
        try cli.readyChannel("EU Store", sandbox.accounts[1])
        for name in ["US Store", "EU Store"] {
            let launch = try cli("channels", "launch", name)
            try #require(launch.status == 0, "\(launch)")
        }
        return (cli, sandbox)
    }

    @Test func rulesAreAddedListedMovedRemovedAndTheFlowSwitched() throws {
        let (cli, _) = try liveLedger()

        let initial = try cli("rules", "list", "--json").object()
        #expect(initial["active"] as? Bool == true && initial["revision"] as? Int == 0)
        let first = try #require((initial["rules"] as? [[String: Any]])?.first)
        #expect(first["name"] as? String == "by-target-id" && first["byTargetId"] as? Bool == true)

        let add = try cli(
            "rules", "add", "eu-orders", "--channel", "EU Store", "--when", "currency in EUR, gbp", "--position", "1",
            "--actor", "ops")
        #expect(add.status == 0, "\(add)")
        #expect(add.stdout == "added rule \"eu-orders\" at position 1 (flow revision 1)\n")
        let sku = try cli(
            "rules", "add", "mugs", "--channel", "US Store", "--when", "sku prefix B0", "--when",
            "email-domain = Example.com",
            "--actor", "ops")
        #expect(sku.status == 0, "\(sku)")

        let listed = try cli("rules", "list", "--json").object()
        let rules = try #require(listed["rules"] as? [[String: Any]])
        #expect(rules.map { $0["name"] as? String } == ["eu-orders", "by-target-id", "mugs"])
        #expect(rules.map { $0["channel"] as? String } == ["EU Store", nil, "US Store"])
        let conditions = try #require(rules[2]["conditions"] as? [[String: Any]])
        #expect(conditions.map { $0["text"] as? String } == ["sku prefix B0", "email-domain = example.com"])
        #expect(listed["revision"] as? Int == 2)
        let text = try cli("rules", "list").stdout
        #expect(text.hasPrefix("flow active, revision 2\n"), "\(text)")
        #expect(text.contains("1  eu-orders     EU Store      currency in EUR,GBP"), "\(text)")
        #expect(text.contains("3  mugs          US Store      sku prefix B0 and email-domain = example.com"), "\(text)")

        #expect(try cli("rules", "move", "mugs", "--to", "1", "--actor", "ops").status == 0)
        let again = try cli("rules", "move", "mugs", "--to", "1", "--json")
        #expect(try again.object()["changed"] as? Bool == false)
        let moved = try cli("rules", "list", "--json").object()["rules"] as? [[String: Any]]
        #expect(moved?.map { $0["name"] as? String } == ["mugs", "eu-orders", "by-target-id"])

        let remove = try cli("rules", "remove", "MUGS", "--actor", "ops")
        #expect(remove.status == 0 && remove.stdout.hasPrefix("removed rule"), "\(remove)")
        let off = try cli("rules", "deactivate", "--actor", "ops")
        #expect(off.stdout == "flow deactivated (flow revision 5)\n", "\(off)")
        #expect(try cli("rules", "deactivate").stdout.contains("nothing to do"))
        #expect(try cli("rules", "list").stdout.hasPrefix("flow inactive"))
        #expect(try cli("rules", "activate", "--actor", "ops").status == 0)

        let history = try cli("history", "--stream", "association-rules", "--json").lines()
        #expect(
            history.map { $0["type"] as? String } == [
                "AssociationRuleAdded", "AssociationRuleAdded", "AssociationRuleMoved", "AssociationRuleRemoved",
                "AssociationFlowDeactivated", "AssociationFlowActivated",
            ])
        #expect(history.allSatisfy { $0["actor"] as? String == "ops" })
    }

    /// Refusals exit 3 and a rule that does not exist is not found (4); either way one line, nothing recorded.
    @Test(arguments: [
        (["rules", "add", "eu-orders", "--channel", "EU Store"], 3, "already exists"),
        (["rules", "add", "both", "--channel", "EU Store", "--by-target-id"], 3, "takes no channel"),
        (["rules", "add", "nowhere"], 3, "names no channel"),
        (["rules", "add", "bad name", "--channel", "EU Store"], 3, "rule name"),
        (["rules", "add", "colour", "--channel", "EU Store", "--when", "colour = red"], 3, "reads no field"),
        (["rules", "add", "op", "--channel", "EU Store", "--when", "currency ~ EUR"], 3, "has no operator"),
        (
            ["rules", "add", "tight", "--channel", "EU Store", "--when", "currency=EUR"], 3,
            #"write --when "currency = EUR""#
        ),
        (["rules", "add", "tight", "--channel", "EU Store", "--when", "sku !=B0A"], 3, "write --when 'sku != B0A'"),
        (["rules", "add", "far", "--channel", "EU Store", "--position", "9"], 3, "positions run from 1 to 3"),
        (["rules", "move", "nope", "--to", "1"], 4, "has no rule"),
        (["rules", "move", "eu-orders", "--to", "0"], 3, "positions run from 1 to 2"),
        (["rules", "remove", "nope"], 4, "has no rule"),
    ])
    func refusalsExitWithOneLineAndRecordNothing(arguments: [String], status: Int32, says: String) throws {
        let (cli, _) = try liveLedger()
        #expect(try cli("rules", "add", "eu-orders", "--channel", "EU Store", "--when", "currency = EUR").status == 0)
        let head = try cli.headPosition()
        let refused = try cli.run(arguments)
        #expect(refused.status == status && refused.stderr.contains(says), "\(refused)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused)")
        #expect(try cli.headPosition() == head, "refusals record nothing")
    }

    @Test func anUnknownChannelIsNotFound() throws {
        let (cli, _) = try liveLedger()
        let head = try cli.headPosition()
        let missing = try cli("rules", "add", "x", "--channel", "Nope")
        #expect(missing.status == 4 && missing.stderr.contains("Nope"), "\(missing)")
        #expect(try cli.headPosition() == head)
    }

    @Test func anOrderFileIsRoutedToTheChannelOfTheFirstRuleThatHolds() throws {
        let (cli, sandbox) = try liveLedger()
        #expect(
            try cli(
                "rules", "add", "eu-orders", "--channel", "EU Store", "--when", "currency in EUR,GBP", "--position", "1"
            )
            .status == 0)
        let order = try write(cli, "order.json", Self.order(currency: "eur"))
        let head = try cli.headPosition()

        let routed = try cli("rules", "test", order, "--target-id", sandbox.accounts[0].targetId, "--json").object()
        #expect((routed["channel"] as? [String: Any])?["name"] as? String == "EU Store")
        let reason = try #require(routed["reason"] as? [String: Any])
        #expect(reason["kind"] as? String == "rule" && reason["name"] as? String == "eu-orders")
        #expect(reason["flowRevision"] as? Int == 1)
        let verdicts = try #require(routed["verdicts"] as? [[String: Any]])
        #expect(verdicts.map { $0["verdict"] as? String } == ["holds", "notReached"])

        let envelope = try write(
            cli, "envelope.json",
            """
            {"resources":["businessProduct/\(sandbox.accounts[0].targetId)/order/order-2"],
             "data":{"order":\(Self.order(currency: "USD"))}}
            """)
        let byTarget = try cli("rules", "test", envelope)
        #expect(byTarget.status == 0, "\(byTarget)")
        #expect(byTarget.stdout.hasPrefix("channel: US Store (rule by-target-id, flow revision 1)\n"), "\(byTarget)")
        #expect(byTarget.stdout.contains("does not hold: currency in EUR,GBP"), "\(byTarget)")

        let bare = try cli("rules", "test", order)
        #expect(bare.status == 64 && bare.stderr.contains("--target-id"), "\(bare)")
        #expect(try cli.headPosition() == head, "a dry run records nothing")
    }

    @Test func aRuleAddedBehindOneWithoutConditionsSaysHowToConsultItFirst() throws {
        let (cli, _) = try liveLedger()
        let behind = try cli("rules", "add", "big-mugs", "--channel", "EU Store", "--when", "sku = B0MUG")
        #expect(behind.status == 0, "\(behind)")
        #expect(
            behind.stderr.contains(#"rule "by-target-id" at position 1 has no conditions"#)
                && behind.stderr.contains(#"`channel-ledger rules move "big-mugs" --to 1`"#), "\(behind)")

        let first = try cli(
            "rules", "add", "euro", "--channel", "EU Store", "--when", "currency = EUR", "--position", "1")
        #expect(first.status == 0 && !first.stderr.contains("note:"), "nothing before it: \(first)")
    }

    @Test func aWebhookAsBuyWithPrimeSendsItIsRoutedAsIntakeRoutesIt() throws {
        let (cli, sandbox) = try liveLedger()
        let add = try cli(
            "rules", "add", "eu-orders", "--channel", "EU Store", "--when", "currency in EUR,GBP", "--position", "1")
        #expect(add.status == 0, "\(add)")
        // A line of `sandbox webhooks`: the order in Buy with Prime's nested shape, a line in EUR.
        let euro = try #require(
            try cli("sandbox", "webhooks").stdout.split(separator: "\n").first {
                $0.contains("ORDER_CONFIRMED") && $0.contains(sandbox.accounts[0].targetId)
                    && $0.contains(#""currencyCode":"EUR""#)
            })
        let envelope = try write(cli, "webhook.json", String(euro))

        let routed = try cli("rules", "test", envelope)
        #expect(routed.status == 0, "\(routed)")
        #expect(routed.stdout.hasPrefix("channel: EU Store (rule eu-orders, flow revision 1)\n"), "\(routed)")
        #expect(routed.stdout.contains("eu-orders     holds: chose \"EU Store\""), "\(routed)")
    }

    @Test func aRuleWhoseChannelIsNotLiveIsNamedAsSkipped() throws {
        let (cli, sandbox) = try liveLedger()
        let add = try cli(
            "rules", "add", "eu-orders", "--channel", "EU Store", "--when", "currency = EUR", "--position", "1")
        #expect(add.status == 0, "\(add)")
        #expect(try cli("channels", "suspend", "EU Store", "--reason", "stock count").status == 0)
        let order = try write(cli, "order.json", Self.order(currency: "EUR"))

        let routed = try cli("rules", "test", order, "--target-id", sandbox.accounts[0].targetId)
        #expect(routed.status == 0, "\(routed)")
        #expect(
            routed.stdout.hasPrefix("channel: US Store (rule by-target-id, flow revision 1; skipped: eu-orders)\n"),
            "\(routed)")
        #expect(routed.stdout.contains("skipped: holds, but channel \"EU Store\" is not live"), "\(routed)")
        let json = try cli("rules", "test", order, "--target-id", sandbox.accounts[0].targetId, "--json").object()
        let reason = try #require(json["reason"] as? [String: Any])
        #expect(reason["skipped"] as? [String] == ["eu-orders"])
    }

    /// An order as Buy with Prime's GraphQL `order` returns it, one line in `currency`.
    private static func order(currency: String) -> String {
        """
        {"id":"order-1","aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"SO-1001"}],
         "customer":{"bwpCustomerId":"c-1","email":"ana@example.de"},
         "lineItems":[{"id":"l1","quantity":1,"amazonSku":"B0MUG","externalId":"MUG-1",
                       "price":{"amount":"12.50","currencyCode":"\(currency)"}}]}
        """
    }

    /// Writes a file in the test's folder and returns its path.
    private func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
