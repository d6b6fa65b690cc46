import ArgumentParser
import ChannelDomain
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Rules {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rule (recorded as AssociationRuleAdded).",
            discussion: """
                A rule sends an order to --channel when all its --when conditions hold (none: every order), \
                or with --by-target-id to the live channel that owns the order's target ID. Fields: target-id, \
                alias, currency, sku, external-sku, email-domain; operators =, !=, prefix, in (a comma-separated \
                list).
                """)
        @Argument(help: "The rule's name, e.g. eu-orders.") var name: String
        @Option(help: "The channel's name or id.") var channel: String?
        @Option(name: .customLong("when"), help: "A condition, 'FIELD OP VALUE', e.g. 'currency in EUR,GBP'.")
        var conditions: [String] = []
        @Flag(name: .customLong("by-target-id"), help: "Send the order to the live channel that owns its target ID.")
        var byTargetID = false
        @Option(help: "Its position, counted from 1 (default: last).") var position: Int?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().addRule(
                    name: name, channel: channel, conditions: conditions, byTargetID: byTargetID, position: position,
                    context: global.context())
                let key = AssociationRule.key(name)
                let added = result.view.rules.first { AssociationRule.key($0.rule.name) == key }
                try global.reportRules(
                    result, done: "added rule \"\(added?.rule.name ?? name)\" at position \(added?.position ?? 0)",
                    already: "rule \"\(name)\" exists")
                if result.changed, let added, let shadow = result.view.unconditionalRule(before: added) {
                    Console.note(
                        "note: rule \"\(shadow.rule.name)\" at position \(shadow.position) has no conditions, so it places every order it can before \"\(added.rule.name)\" is consulted; to consult \"\(added.rule.name)\" first, run `channel-ledger rules move \(shellQuoted(added.rule.name)) --to \(shadow.position)`"
                    )
                }
            }
        }
    }
}
