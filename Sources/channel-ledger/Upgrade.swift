import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Upgrade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a single-account ledger (format 0) into channels: Default, holding every earlier order.",
            discussion: """
                Appends, never rewrites: LedgerUpgraded; the Default channel with the old account's \
                credentials, authorized as they were, every mapping active, launched; every earlier order \
                associated with Default (reason upgrade). Needs an authorized connected app. Run it again \
                after an interruption to finish; on a format-1 ledger it changes nothing.
                """)
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let service = try await global.openService(formats: .upgradable)
                let outcome = try await service.upgrade(context: global.context())
                Console.print(
                    global.json
                        ? Views.upgradeOutcome(outcome, store: service.location).serialized()
                        : TextViews.upgradeOutcome(outcome, store: service.location))
            }
        }
    }
}
