import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Rules {
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a rule (recorded as AssociationRuleRemoved).")
        @Argument(help: "The rule's name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().removeRule(name: name, context: global.context())
                try global.reportRules(result, done: "removed rule \"\(name)\"", already: "rule \"\(name)\" is gone")
            }
        }
    }
}
