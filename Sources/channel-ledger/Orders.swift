import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Buy with Prime orders: take their events, see where each went and why, move them by hand.",
            discussion: """
                Each order is a stream (order:<Buy with Prime order id>): OrderReceived, then OrderAssociated \
                with the channel the association flow chose (see `rules`) and why. Personal fields are sealed \
                under the customer's own key.
                """,
            subcommands: [
                Import.self, List.self, Show.self, Associate.self, Reassociate.self, Reassess.self, ForgetCustomer.self,
            ])
    }
}

extension GlobalOptions {
    /// Prints an order command's result: one line, or the order as JSON with `changed`.
    func reportOrder(_ result: CommandResult<OrderSummary>, service: LedgerService, done: String) async throws {
        let names = try await service.channelNames()
        // The command is recorded already: a customer's fields that cannot be opened (a key file
        // missing here) must not turn it into a failure, so JSON shows them as unknown (null).
        let personal = json ? try? await service.personalFields(of: result.view) : nil
        try report(
            result, json: { Views.order($0, channelName: $0.channelId.flatMap { names[$0] }, personal: personal) }
        ) {
            summary in
            let channel = summary.channelId.map { "\"\(names[$0] ?? Views.uuid($0))\"" } ?? "no channel"
            let reason = summary.reason.map { " (\(TextViews.reasonText($0)))" } ?? ""
            return result.changed
                ? "order \(summary.orderId) \(done) \(channel)\(reason)"
                : "order \(summary.orderId) unchanged (nothing to do): \(channel)\(reason)"
        }
    }
}
