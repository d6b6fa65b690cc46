import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the store, its key source, schema version and the head of the log.")

        @OptionGroup var global: GlobalOptions

        /// `1`, `1 (upgraded from 0)`, or `0 (single-account: run channel-ledger upgrade)`.
        static func format(_ status: StoreStatus) -> String {
            guard let format = status.ledgerFormat else { return "-" }
            if let from = status.upgradedFrom { return "\(format) (upgraded from \(from))" }
            return format == 0 ? "0 (single-account: run channel-ledger upgrade)" : String(format)
        }

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
                        ["Ledger format", Self.format(status)],
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
