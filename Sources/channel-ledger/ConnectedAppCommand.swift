import ArgumentParser
import ChannelDomain
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
        @Option(help: "The transport to Salesforce: live (real HTTP, the default) or sandbox (in-process demo).")
        var transport: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService(formats: .any).registerConnectedApp(
                    consumerKey: consumerKey, myDomain: myDomain,
                    secret: {
                        try SecretReader.secret(
                            "consumer secret", fromStdin: consumerSecretStdin, flag: "--consumer-secret-stdin")
                    }, transport: transport, context: global.context())
                try global.report(result, json: Views.connectedApp) { summary in
                    let head =
                        result.changed ? "registered the connected app" : "connected app unchanged (nothing to do)"
                    let state = summary.state
                    guard let pending = state.pending, let inForce = state.inForce else {
                        return
                            "\(head): \(state.latest?.myDomain ?? "-"), authorization \(state.authorization.rawValue)"
                    }
                    let outcome = pending.failure == nil ? "not authorized" : "failed"
                    return
                        "\(head): \(pending.registration.myDomain), authorization \(outcome); still in force: \(inForce.myDomain), secret \(inForce.secretFingerprint)"
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the connected app (never its secret).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let app = try await global.openService(formats: .any).connectedApp()
                if global.json {
                    Console.print(Views.connectedApp(app).serialized())
                } else if let app {
                    let state = app.state
                    func describe(_ registration: ConnectedAppRegistration) -> String {
                        "consumer key \(registration.consumerKey), \(registration.myDomain), "
                            + "secret \(registration.secretFingerprint), transport \(registration.transport)"
                    }
                    var rows = [
                        ["Authorization", state.authorization.rawValue],
                        [
                            "In force",
                            state.inForce.map { describe($0) + ", authorized \(app.authorizedAt?.rfc3339 ?? "-")" }
                                ?? "none",
                        ],
                    ]
                    if let revoked = state.revocation {
                        rows.append([
                            "Revoked",
                            describe(revoked.registration)
                                + " — Salesforce refused it: \(revoked.failure.code): \(revoked.failure.message)",
                        ])
                    }
                    if let pending = state.pending {
                        var line = describe(pending.registration)
                        if let failure = pending.failure { line += " — failed: \(failure.code): \(failure.message)" }
                        rows.append(["Pending", line])
                    }
                    rows.append(["Updated", app.updatedAt.rfc3339])
                    Console.print(TextViews.table(rows))
                } else {
                    Console.print("no connected app yet; run `channel-ledger connected-app register`")
                }
            }
        }
    }
}
