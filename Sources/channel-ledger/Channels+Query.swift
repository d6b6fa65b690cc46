import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Channels {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List channels, oldest first.",
            discussion: "--as-of @POSITION or --as-of TIME lists them as they were then, folded from the log.")
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let (service, note) = try await asOf.service(global.openService())
                let channels = try await service.channels()
                if global.json {
                    Console.print(JSONValue.array(channels.map(Views.channel)).serialized())
                } else {
                    Console.print((note.map { $0 + "\n" } ?? "") + TextViews.channelTable(channels))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one channel in detail.",
            discussion: "--as-of @POSITION or --as-of TIME shows it as it was then (by the name it had then).")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let (service, note) = try await asOf.service(global.openService())
                let summary = try await service.channel(name)
                if global.json {
                    Console.print(Views.channelDetail(summary).serialized())
                } else {
                    Console.print((note.map { $0 + "\n" } ?? "") + TextViews.channelDetail(summary))
                }
            }
        }
    }
}
