import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The association flow: the ordered rules that send each order to its channel.",
            discussion: """
                The first rule that holds and whose channel is live wins. Every change is an event on the \
                association-rules stream; with none recorded the flow is active with one rule, by-target-id.
                """,
            subcommands: [List.self, Add.self, Remove.self, Move.self, Activate.self, Deactivate.self, TestOrder.self])
    }
}

extension GlobalOptions {
    /// Prints a rules command's result: one line, or the flow as JSON with `changed`.
    func reportRules(_ result: CommandResult<RulesView>, done: String, already: String) throws {
        try report(result, json: Views.rules) {
            TextViews.rulesLine($0, changed: result.changed, done: done, already: already)
        }
    }
}
