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
