import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the store, its key source, schema version and the head of the log.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let status = try await global.openService(formats: .any).status()
                if global.json {
                    Console.print(Views.status(status).serialized())
                    return
                }
                Console.print(
                    TextViews.table([
                        ["Store", status.location],
                        ["Store id", status.storeID.map(Views.uuid) ?? "-"],
                        ["Initialized", status.initializedAt?.rfc3339 ?? "-"],
                        ["Schema version", String(status.schemaVersion)],
                        ["Ledger format", TextViews.ledgerFormat(status)],
                        [
                            "Master key",
                            status.keySource?.description
                                ?? "unusable: \(status.keyProblem.map(FailureReport.message(of:)) ?? "-")",
                        ],
                        ["Head position", String(status.head.position)],
                        ["Head hash", status.head.hash.hexString],
                        ["Channels", String(status.channels)],
                    ]))
            }
        }
    }
}
