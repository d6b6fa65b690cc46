import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Rules {
    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let the flow associate new orders (recorded as AssociationFlowActivated).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().activateFlow(context: global.context())
                try global.reportRules(result, done: "flow activated", already: "flow active already")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the flow: new orders are received, unassociated (recorded as AssociationFlowDeactivated).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().deactivateFlow(context: global.context())
                try global.reportRules(result, done: "flow deactivated", already: "flow inactive already")
            }
        }
    }
}
