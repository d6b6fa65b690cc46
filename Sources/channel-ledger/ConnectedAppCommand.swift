import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct ConnectedAppCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "connected-app",
            abstract: "The Salesforce connected app that must be authorized before any channel.",
            subcommands: [Register.self, Show.self])
    }
}

extension ChannelLedgerCLI.ConnectedAppCommand {
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register (or re-register) the connected app and authorize it against Salesforce.",
            discussion:
                "The consumer secret is read from a prompt without echo, or from stdin with --consumer-secret-stdin.")

        @Option(help: "The connected app's consumer key.") var consumerKey: String
        @Option(help: "The org's My Domain URL, e.g. https://acme.my.salesforce.com.") var myDomain: String
        @Flag(help: "Read the consumer secret from stdin.") var consumerSecretStdin = false
        @Option(help: "The transport to Salesforce (this version: sandbox).") var transport: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().registerConnectedApp(
                    consumerKey: consumerKey, myDomain: myDomain,
                    secret: {
                        try SecretReader.secret(
                            "consumer secret", fromStdin: consumerSecretStdin, flag: "--consumer-secret-stdin")
                    }, transport: transport, context: global.context())
                try global.report(result, json: Views.connectedApp) { summary in
                    let head =
                        result.changed ? "registered the connected app" : "connected app unchanged (nothing to do)"
                    return
                        "\(head): \(summary.state.myDomain ?? "-"), authorization \(summary.state.authorization.rawValue)"
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the connected app (never its secret).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let app = try await global.openService().connectedApp()
                if global.json {
                    Console.print(Views.connectedApp(app).serialized())
                } else if let app {
                    let state = app.state
                    var rows = [
                        ["Consumer key", state.consumerKey ?? "-"], ["My Domain", state.myDomain ?? "-"],
                        ["Secret", state.secretFingerprint ?? "-"], ["Transport", state.transport ?? "-"],
                        ["Authorization", state.authorization.rawValue], ["Updated", app.updatedAt.rfc3339],
                    ]
                    if let failure = state.failure { rows.append(["Failure", "\(failure.code): \(failure.message)"]) }
                    Console.print(TextViews.table(rows))
                } else {
                    Console.print("no connected app yet; run `channel-ledger connected-app register`")
                }
            }
        }
    }
}
