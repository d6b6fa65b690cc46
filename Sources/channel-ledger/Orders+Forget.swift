import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct ForgetCustomer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forget-customer",
            abstract: "Forget a customer: delete their data key, so no order's personal fields can be read again.",
            discussion: """
                Records CustomerForgotten on customer:<ID> and deletes the key in the same transaction, then \
                scrubs the store's files (SQLite: the deleted bytes are overwritten and the write-ahead log \
                truncated). Orders keep their routing facts; their name and email print as <forgotten>. The \
                hash chain is untouched: `verify` still passes. Backups and exports made before keep the key \
                until they are deleted. Buy with Prime's PERSONAL_DATA_DELETION_TASK_* events do the same.
                """)
        @Argument(help: "The customer's Buy with Prime id (bwpCustomerId, the customer.id of `orders list --json`).")
        var customer: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let outcome = try await global.openService(formats: .any).forgetCustomer(
                    customer, context: global.context())
                if global.json {
                    Console.print(Views.forgetOutcome(outcome).serialized())
                } else {
                    Console.print(TextViews.forgetOutcome(outcome))
                }
                if let note = TextViews.scrubNote(outcome.scrub) { Console.note(note) }
            }
        }
    }
}
