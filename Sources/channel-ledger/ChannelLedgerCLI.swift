import ArgumentParser

/// `channel-ledger`: the command-line shell over the ledger. Parses, wires, prints.
@main
struct ChannelLedgerCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel-ledger",
        abstract: "An audited, event-sourced ledger of Buy with Prime sales channels in Salesforce Order Management.",
        discussion: """
            Every change is an event in an append-only, hash-chained log; channels, mappings and \
            the connected app are read models folded from it. Exit codes: 0 ok, 1 internal error, \
            3 refused by a rule, 4 not found, 5 rejected by the service, 6 service unavailable, \
            7 conflict after retries, 8 verify failed, 9 store or key unusable, 64 usage.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Status.self, Upgrade.self, ConnectedAppCommand.self, Channels.self, Mappings.self, History.self,
            Verify.self,
            SettingsCommand.self, Rules.self, Orders.self, Webhooks.self, Serve.self, Projections.self, Stats.self,
            Export.self, Import.self, Transports.self, Publish.self,
            Backup.self,
            Restore.self,
            Sandbox.self, Demo.self,
        ]
    )
}
