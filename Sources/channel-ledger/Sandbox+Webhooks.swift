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

        func run() async throws {
            let out = FileHandle.standardOutput
            for line in try SandboxWebhooks.lines() { out.write(line + Data("\n".utf8)) }
        }
    }
}
