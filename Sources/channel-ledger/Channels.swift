import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Channels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Amazon sales channels: one per Buy with Prime account.",
            subcommands: [
                Create.self, List.self, Show.self, Rename.self, Credentials.self, Authorize.self, Launch.self,
                Suspend.self, Resume.self, Archive.self, Move.self,
            ])
    }
}

extension GlobalOptions {
    /// Prints a channel command's result.
    func reportChannel(_ result: CommandResult<ChannelSummary>, verb: String) throws {
        try report(result, json: Views.channelDetail) { TextViews.channelLine($0, changed: result.changed, verb: verb) }
    }
}
