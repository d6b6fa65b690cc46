import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write launched channels and order associations to the Salesforce org, once; one pass.",
            discussion: """
                Through the connected app's transport: each channel the org does not hold as it is now \
                becomes a SalesChannel (found by its target ID, else created; then updated by its id), then \
                each association the org was not told is written to its Order record in batches of 25 (never \
                creating an order). Each write is recorded (SalesChannelPublished, OrderPublished, source \
                publisher); a second pass finds nothing to do. Orders the org does not have yet stay pending \
                and are listed.
                """)
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let outcome = try await global.openService().publish(context: global.context())
                Console.print(
                    global.json
                        ? Views.publishOutcome(outcome).serialized() : TextViews.publishOutcome(outcome))
            }
        }
    }
}
