import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Credentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter a channel's Buy with Prime credentials (pending until authorized).",
            discussion:
                "The client secret is read from a prompt without echo, or from stdin with --client-secret-stdin.")
        @Argument(help: "The channel's name or id.") var name: String
        @Option(name: .customLong("client-id"), help: "The Buy with Prime client ID.") var clientID: String
        @Option(name: .customLong("target-id"), help: "The Buy with Prime target ID.") var targetID: String
        @Flag(help: "Read the client secret from stdin.") var clientSecretStdin = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().enterCredentials(
                    name, clientID: clientID, targetID: targetID,
                    secret: {
                        try SecretReader.secret(
                            "client secret", fromStdin: clientSecretStdin, flag: "--client-secret-stdin")
                    },
                    context: global.context())
                try global.reportChannel(result, verb: "entered credentials for")
            }
        }
    }

    struct Authorize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Authorize the channel's pending credentials against Buy with Prime.")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().authorizeChannel(name, context: global.context())
                try global.reportChannel(
                    result, verb: result.rejection == nil ? "authorized" : "recorded a failed authorization of")
            }
        }
    }
}
