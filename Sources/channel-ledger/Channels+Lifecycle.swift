import ArgumentParser
import ChannelLedger

extension ChannelLedgerCLI.Channels {
    struct Launch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Launch a ready channel (credentials authorized, every mapping active).")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                try global.reportChannel(
                    try await global.openService().launchChannel(name, context: global.context()), verb: "launched")
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend a live channel.")
        @Argument(help: "The channel's name or id.") var name: String
        @Option(help: "Why, recorded in the history.") var reason: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().suspendChannel(
                    name, reason: reason, context: global.context())
                try global.reportChannel(result, verb: "suspended")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a suspended channel (re-checks every launch gate).")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                try global.reportChannel(
                    try await global.openService().resumeChannel(name, context: global.context()), verb: "resumed")
            }
        }
    }

    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Archive a channel for good (frees its target ID).")
        @Argument(help: "The channel's name or id.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                try global.reportChannel(
                    try await global.openService().archiveChannel(name, context: global.context()), verb: "archived")
            }
        }
    }
}
