import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI.Orders {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List orders by order id, a page at a time.",
            discussion: """
                The next page's --after is printed on stderr when more follow. --as-of @POSITION or --as-of TIME \
                lists them as they were then.
                """)
        @Option(help: "Only the orders of this channel (name or id).") var channel: String?
        @Flag(help: "Only the orders no channel has.") var unassociated = false
        @Flag(help: "Only the orders whose channel the org has not been told: pending, or given up on (failed).")
        var unpublished = false
        @Option(help: "Only orders received at or after this time (RFC 3339, or a date).") var since: String?
        @Option(help: "At most this many orders.") var limit = 100
        @Option(help: "Only orders whose id sorts after this one (the next page).") var after: String?
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let since, Timestamp(rfc3339: since) == nil {
                throw ValidationError(
                    "--since \(since) is not a time; use RFC 3339 like 2026-11-29T10:00:00Z or a date like 2026-11-29")
            }
            if limit < 1 { throw ValidationError("--limit \(limit) is not a page size; give a number of 1 or more") }
            if channel != nil, unassociated {
                throw ValidationError("--channel and --unassociated exclude each other; give one of them")
            }
            if unpublished, unassociated {
                throw ValidationError(
                    "--unpublished and --unassociated exclude each other (an unassociated order has nothing to publish); give one of them"
                )
            }
        }

        func run() async throws {
            try await global.run {
                let (service, note) = try await asOf.service(global.openService())
                let page = try await service.orders(
                    OrderQuery(
                        channel: channel, unassociatedOnly: unassociated,
                        since: since.flatMap(HistoryFilter.start(of:)),
                        limit: limit, after: after, unpublishedOnly: unpublished))
                let names = try await service.channelNames()
                if global.json {
                    var items: [JSONValue] = []
                    for order in page.orders {
                        let personal = try await service.personalFields(of: order)
                        items.append(
                            Views.order(order, channelName: order.channelId.flatMap { names[$0] }, personal: personal))
                    }
                    Console.print(JSONValue.array(items).serialized())
                } else {
                    let table =
                        unpublished
                        ? TextViews.unpublishedOrderTable(page.orders, channelNames: names)
                        : TextViews.orderTable(page.orders, channelNames: names)
                    Console.print((note.map { $0 + "\n" } ?? "") + table)
                }
                if let next = page.next { Console.note("more orders follow; the next page: --after \(next)") }
            }
        }
    }
}
