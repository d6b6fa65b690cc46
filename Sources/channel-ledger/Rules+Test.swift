import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Rules {
    struct TestOrder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show where the flow would send an order, and why; records nothing.",
            discussion: """
                FILE is an order's JSON as Buy with Prime's GraphQL order returns it (give --target-id), or a \
                webhook envelope {"resources":["businessProduct/<targetId>/order/<orderId>"],"data":{"order":…}}.
                """)
        @Argument(help: "The order's JSON file.") var file: String
        @Option(name: .customLong("target-id"), help: "The target ID the order came through.") var targetID: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let facts = try OrderDocument.facts(atPath: file, targetId: targetID)
                let service = try await global.openService()
                let (decision, names) = try await service.testRulesNamingChannels(facts: facts)
                Console.print(
                    global.json
                        ? Views.flowDecision(decision, channelNames: names).serialized()
                        : TextViews.flowDecision(decision, channelNames: names))
            }
        }
    }
}
