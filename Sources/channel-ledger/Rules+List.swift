import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI.Rules {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rules in the order the flow consults them, with the flow's state and revision.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let rules = try await global.openService().rules()
                Console.print(global.json ? Views.rules(rules).serialized() : TextViews.rules(rules))
            }
        }
    }
}
