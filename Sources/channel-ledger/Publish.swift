import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write launched channels and order associations to the Salesforce org, once; one pass.",
            subcommands: [Pass.self, Status.self], defaultSubcommand: Pass.self)
    }
}

extension ChannelLedgerCLI.Publish {
    struct Pass: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pass",
            abstract: "One pass (the default: `channel-ledger publish`).",
            discussion: """
                Through the connected app's transport: each channel the org does not hold as it is now \
                becomes a SalesChannel (found by its target ID, else created; then updated by its id), then \
                each association the org was not told is written to its Order record in batches of 25 (never \
                creating an order). Each write is recorded (SalesChannelPublished, OrderPublished, source \
                publisher); a second pass finds nothing to do. An order the org does not take (not there \
                yet, or refused) is tried again on a later pass after the publish.retry-delay setting, \
                doubled with each failure; after publish.max-attempts the pass records OrderPublishFailed \
                and leaves it (orders list --unpublished lists it). One publisher at a time: another \
                process's pass makes this one exit 7.
                """)
        @OptionGroup var global: GlobalOptions
        @Flag(help: "First try once more every order the publisher gave up on (OrderPublishFailed).")
        var retryFailed = false

        func run() async throws {
            try await global.run {
                let service = try await global.openService()
                let givenUp = retryFailed ? try await service.publishStatus().failedOrders : nil
                let outcome = try await service.publish(context: global.context(), retryFailed: retryFailed)
                Console.print(
                    global.json
                        ? Views.publishOutcome(outcome).serialized() : TextViews.publishOutcome(outcome))
                if givenUp == 0, !global.json {
                    Console.note(
                        "note: no order had been given up on, so --retry-failed had nothing to try again; deferred orders are tried once their next attempt is due (`channel-ledger publish status` shows when)"
                    )
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What waits for the org (channels, orders) and whether a publisher is at work.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let status = try await global.openService().publishStatus()
                Console.print(
                    global.json ? Views.publishStatus(status).serialized() : TextViews.publishStatus(status))
            }
        }
    }
}
