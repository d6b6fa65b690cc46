import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List channels, oldest first.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let channels = try await global.openService().channels()
                Console.print(
                    global.json
                        ? JSONValue.array(channels.map(Views.channel)).serialized() : TextViews.channelTable(channels))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one channel in detail.")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let summary = try await global.openService().channel(name)
                Console.print(
                    global.json ? Views.channelDetail(summary).serialized() : TextViews.channelDetail(summary))
            }
        }
    }
}
