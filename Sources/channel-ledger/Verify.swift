import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every hash of the log; exit 8 naming the first bad position.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let head = try await global.openService(formats: .any).verify()
                Console.print(global.json ? Views.verified(head).serialized() : TextViews.verified(head))
            }
        }
    }
}
