import ArgumentParser
import ChannelLedger
import LedgerPresentation
import LedgerWiring

extension ChannelLedgerCLI.Transports {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every transport: built in, or an external process (with its path), what it supports.",
            discussion: """
                A process transport is an executable named channel-ledger-transport-NAME in \
                $XDG_CONFIG_HOME/channel-ledger/plugins (else ~/.config/channel-ledger/plugins) or on PATH \
                (Docs/transport-protocol.md). Listing starts each one and runs its handshake; one that fails \
                is listed with the reason. Built-in names win over a plugin's, which is listed as shadowed.
                """)
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let listing = await Wiring.transports(environment: global.environment, logger: global.logger).listing()
                Console.print(global.json ? Views.transports(listing).serialized() : TextViews.transports(listing))
            }
        }
    }
}
