import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Rules {
    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a rule to a position (recorded as AssociationRuleMoved).")
        @Argument(help: "The rule's name.") var name: String
        @Option(name: .customLong("to"), help: "Its position from now on, counted from 1.") var position: Int
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().moveRule(
                    name: name, to: position, context: global.context())
                try global.reportRules(
                    result, done: "moved rule \"\(name)\" to position \(position)",
                    already: "rule \"\(name)\" is at position \(position) already")
            }
        }
    }
}
