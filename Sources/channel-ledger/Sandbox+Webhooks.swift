import ArgumentParser
import Foundation
import SandboxTransport

extension ChannelLedgerCLI.Sandbox {
    struct Webhooks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print Buy with Prime webhook envelopes for the seeded orders, one JSON line each.",
            discussion: """
                ORDER_CONFIRMED for every seeded order (with its data.order snapshot), PACKAGE_DELIVERED for every \
                fourth, and the first confirmation delivered again at the end. Pipe them into a file and take them \
                with `channel-ledger orders import FILE`.
                """)

        @Option(
            help: ArgumentHelp(
                "Orders per demo account (default: the \(SandboxOrders.defaultPerAccount) the sandbox serves).",
                discussion:
                    "More make a bigger load; orders past the seeded ones carry their snapshot, so none is fetched."))
        var orders: Int?

        func validate() throws {
            if let orders, !(1...100_000).contains(orders) {
                throw ValidationError("--orders takes 1 to 100000 orders per account, e.g. --orders 1000")
            }
        }

        func run() async throws {
            let out = FileHandle.standardOutput
            let seeded = orders.map { SandboxOrders.seeded(for: SandboxTransport.accounts, perAccount: $0) }
            for line in try SandboxWebhooks.lines(orders: seeded ?? SandboxTransport.orders) {
                out.write(line + Data("\n".utf8))
            }
        }
    }
}
