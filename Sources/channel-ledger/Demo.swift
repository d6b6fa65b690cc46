import ArgumentParser
import ChannelLedger
import Foundation
import SandboxTransport
import Transport

extension ChannelLedgerCLI {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole workflow on a temporary store with the sandbox transport.",
            discussion: """
                Registers the connected app, creates two channels, enters and authorizes their \
                credentials, activates every mapping, launches both, then prints the channel list \
                and one channel's history. The store is deleted afterwards unless --keep is given.
                """)
        @Flag(help: "Keep the temporary store (and its key file) and print where it is.") var keep = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                // An explicit --store is the user's and is kept; otherwise a temporary folder.
                let explicit = global.options.store
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("channel-ledger-demo-\(UUID().uuidString.prefix(8).lowercased())").path
                let path = explicit ?? "\(folder)/ledger.sqlite"
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
                let throwaway = explicit == nil && !keep
                defer { if throwaway { try? FileManager.default.removeItem(atPath: folder) } }
                try await DemoScript(path: path, global: global, ephemeralKey: throwaway).run()
                if !throwaway {
                    Console.note("\nThe demo store is \(path); try `channel-ledger channels list --store \(path)`.")
                }
            }
        }
    }
}

/// The demo's steps, each printed as it happens.
struct DemoScript {
    let path: String
    let global: GlobalOptions
    let ephemeralKey: Bool

    func run() async throws {
        let (service, _) = try await LedgerService.initialize(
            at: path, context: context(), environment: global.environment, logger: global.logger,
            fixedKey: ephemeralKey ? MasterKey.ephemeral() : nil)
        let accounts = SandboxTransport.accounts
        step("store \(path)")
        let app = try await service.registerConnectedApp(
            consumerKey: accounts.salesforce.consumerKey, myDomain: accounts.salesforce.myDomain,
            secret: Secret(accounts.salesforce.consumerSecret), transport: "sandbox", context: context())
        step("connected app \(app.view.state.myDomain ?? "-"): \(app.view.state.authorization.rawValue)")
        for account in accounts.buyWithPrime.prefix(2) {
            let created = try await service.createChannel(named: account.name, transport: "sandbox", context: context())
            step("created channel \"\(account.name)\" (\(created.view.state.status.rawValue))")
            _ = try await service.enterCredentials(
                account.name, clientID: account.clientId, targetID: account.targetId,
                secret: Secret(account.clientSecret),
                context: context())
            let authorized = try await service.authorizeChannel(account.name, context: context())
            if let rejection = authorized.rejection { throw rejection }
            step(
                "authorized \"\(account.name)\" for target \(account.targetId) (\(authorized.view.state.status.rawValue))"
            )
            let mapped = try await service.activateMappings(account.name, names: nil, context: context())
            step(
                "activated \(mapped.view.state.activeMappingCount) mappings of \"\(account.name)\" (\(mapped.view.state.status.rawValue))"
            )
            let launched = try await service.launchChannel(account.name, context: context())
            step("launched \"\(account.name)\" (\(launched.view.state.status.rawValue))")
        }
        let channels = try await service.channels()
        if global.json {
            // For scripts: stdout holds one JSON document, the channel list; the steps went to stderr.
            Console.print(JSONValue.array(channels.map(Views.channel)).serialized())
            return
        }
        Console.print("\n$ channel-ledger channels list")
        Console.print(TextViews.channelTable(channels))
        let first = accounts.buyWithPrime[0].name
        Console.print("\n$ channel-ledger history --channel \"\(first)\"")
        for event in try await service.history(channel: first) {
            Console.print(TextViews.event(event))
        }
        let head = try await service.verify()
        Console.print("\n$ channel-ledger verify\nintact: \(head.position) events, head hash \(head.hash.hexString)")
    }

    /// A fresh context per command: its own time and correlation id, as separate CLI calls would have.
    private func context() -> CommandContext {
        CommandContext(actor: global.actor ?? OSUser.name, source: "demo")
    }

    private func step(_ text: String) {
        if global.json { Console.note("• \(text)") } else { Console.print("• \(text)") }
    }
}
