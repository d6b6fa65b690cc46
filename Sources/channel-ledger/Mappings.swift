import ArgumentParser
import ChannelDomain
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Mappings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A channel's data mappings: Buy with Prime data to Salesforce objects.",
            subcommands: [List.self, Configure.self, Activate.self, Deactivate.self])
    }
}

extension ChannelLedgerCLI.Mappings {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a channel's mappings and their required fields.")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let state = try await global.openService().channel(name).state
                Console.print(global.json ? Views.mappings(state).serialized() : TextViews.mappingTable(state))
            }
        }
    }

    struct Configure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an inactive mapping's object or fields.",
            discussion: "A source is $.path (e.g. $.lineItems[].id) or 'literal'; --field F= unassigns F.")
        @Argument(help: "The channel's name or id.") var name: String
        @Argument(help: "The mapping, e.g. order.") var mapping: String
        @Option(help: "The Salesforce object.") var object: String?
        @Option(name: .customLong("field"), help: "SF_FIELD=SOURCE (repeatable).") var fields: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().configureMapping(
                    name, mapping: mapping, object: object, fields: fields, context: global.context())
                try global.reportChannel(result, verb: "configured mapping \(mapping) of")
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Activate mappings (all of them with --all).")
        @Argument(help: "The channel's name or id.") var name: String
        @Argument(help: "Mappings to activate.") var mappings: [String] = []
        @Flag(help: "Activate every mapping of the catalog.") var all = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if all == !mappings.isEmpty {
                throw ValidationError("name the mappings to activate, or pass --all (not both)")
            }
        }

        func run() async throws {
            try await global.run {
                let result = try await global.openService().activateMappings(
                    name, names: all ? nil : mappings, context: global.context())
                try global.reportChannel(result, verb: "activated mappings of")
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a mapping; on a live channel only with --suspend, which suspends the channel.")
        @Argument(help: "The channel's name or id.") var name: String
        @Argument(help: "The mapping, e.g. refund.") var mapping: String
        @Flag(help: "Suspend the live channel along with the deactivation.") var suspend = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().deactivateMapping(
                    name, mapping: mapping, suspend: suspend, context: global.context())
                try global.reportChannel(result, verb: "deactivated mapping \(mapping) of")
            }
        }
    }
}
