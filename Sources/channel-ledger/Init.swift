import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the store and its master key (a second init leaves an existing store alone).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let path = global.storePath
                let (service, created) = try await LedgerService.initialize(
                    at: path, context: global.context(), configuration: global.configuration())
                let status = try await service.status()
                if global.json {
                    guard case .object(var members) = Views.status(status) else { return }
                    members.insert(("created", .bool(created)), at: 0)
                    Console.print(JSONValue.object(members).serialized())
                } else if created {
                    Console.print(
                        "created store \(service.location)\nmaster key: \(status.keySource?.description ?? status.keyProblem.map(FailureReport.message(of:)) ?? "-")"
                    )
                } else {
                    Console.print("store \(service.location) already exists; nothing to do")
                }
            }
        }
    }
}
