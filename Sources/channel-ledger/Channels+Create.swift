import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a channel by name.")
        @Argument(help: "The channel's name (unique, case-insensitive).") var name: String
        @Option(help: "The transport the channel uses (this version: sandbox).") var transport: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().createChannel(
                    named: name, transport: transport, context: global.context())
                try global.reportChannel(result, verb: "created")
            }
        }
    }
}
