import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a channel by name.")
        @Argument(help: "The channel's name (unique, case-insensitive).") var name: String
        @Option(help: "The transport the channel uses (default: the connected app's).") var transport: String?
        @Option(help: "The Buy with Prime API's base URL (default: the transport's; http:// for loopback hosts only).")
        var endpoint: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().createChannel(
                    named: name, transport: transport, endpoint: endpoint, context: global.context())
                try global.reportChannel(result, verb: "created")
            }
        }
    }
}
