import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transport",
            abstract: "Move a channel to another transport or Buy with Prime endpoint.",
            discussion: """
                The credentials in force become pending (the same sealed secret) until `channels authorize` \
                authorizes them through the new transport. A live channel moves only with --suspend, which \
                suspends it.
                """)
        @Argument(help: "The channel's name or id.") var name: String
        @Option(help: "The transport from now on, e.g. live.") var transport: String
        @Option(help: "The Buy with Prime API's base URL (default: the transport's).") var endpoint: String?
        @Flag(help: "Suspend the live channel along with the move.") var suspend = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().changeChannelTransport(
                    name, to: transport, endpoint: endpoint, suspend: suspend, context: global.context())
                try global.reportChannel(result, verb: "moved")
            }
        }
    }
}
