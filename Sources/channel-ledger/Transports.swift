import ArgumentParser
import ChannelLedger
import LedgerPresentation
import LedgerWiring

extension ChannelLedgerCLI {
    struct Transports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The transports channels and the connected app can name: built in, and plugins.",
            subcommands: [List.self])
    }
}
