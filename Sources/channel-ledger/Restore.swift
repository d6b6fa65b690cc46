import ArgumentParser
import ChannelLedger
import EventSourcing
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a backup into a store at --store (a new path), verifying its chain.")
        @Argument(help: "The backup file written by `backup`.") var backup: String
        @OptionGroup var global: StoreOptions

        func run() async throws {
            try await global.run {
                let (service, result) = try await LedgerService.restore(
                    backup: backup, to: global.storePath, configuration: global.configuration())
                let head = try await service.store.head()
                let alreadyRestored = if case .alreadyRestored = result { true } else { false }
                if global.json {
                    Console.print(
                        Views.restore(head, file: service.location, alreadyRestored: alreadyRestored)
                            .serialized())
                } else {
                    let done = alreadyRestored ? "already restored" : "restored"
                    Console.print(
                        "\(done) \(head.position) events to \(service.location); chain intact (head hash \(head.hash.hexString))"
                    )
                    Console.print("master key: \(TextViews.keyCustody(await service.keyCustody()))")
                }
            }
        }
    }
}
