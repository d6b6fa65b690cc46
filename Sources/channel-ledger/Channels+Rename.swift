import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a channel (its history follows).")
        @Argument(help: "The channel's name or id.") var name: String
        @Argument(help: "The new name.") var newName: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().renameChannel(name, to: newName, context: global.context())
                try global.reportChannel(result, verb: "renamed")
            }
        }
    }
}
