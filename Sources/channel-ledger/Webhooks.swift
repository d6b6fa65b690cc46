import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct Webhooks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Buy with Prime webhook subscriptions `serve` accepts, each with its basic credentials.",
            discussion: """
                In Buy with Prime, a webhook subscription delivers to \
                https://YOUR-HOST/webhooks/buy-with-prime/SUBSCRIPTION with an auth profile of type HTTP basic; \
                enter the same username and password here. The password is sealed in the log; only its \
                fingerprint is ever shown.
                """,
            subcommands: [List.self, Add.self, Remove.self])
    }
}

extension ChannelLedgerCLI.Webhooks {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the subscriptions, by name.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let subscriptions = try await global.openService().webhookSubscriptions()
                Console.print(
                    global.json
                        ? Views.webhookSubscriptions(subscriptions).serialized()
                        : TextViews.webhookSubscriptions(subscriptions))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept deliveries for a subscription (or replace its credentials).",
            discussion: "The password is read from a prompt without echo, or from stdin with --password-stdin.")
        @Argument(help: "The subscription's name: the last segment of its webhook URL.") var subscription: String
        @Option(help: "The auth profile's basic username.") var username: String
        @Flag(help: "Read the password from stdin.") var passwordStdin = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().addWebhookSubscription(
                    subscription, username: username,
                    password: {
                        try SecretReader.secret("password", fromStdin: passwordStdin, flag: "--password-stdin")
                    },
                    context: global.context())
                let name = subscription.trimmingCharacters(in: .whitespacesAndNewlines)
                try global.report(result, json: Views.webhookSubscriptions) { _ in
                    result.changed
                        ? "webhook subscription \"\(name)\" accepted at /webhooks/buy-with-prime/\(name)"
                        : "webhook subscription \"\(name)\" unchanged (nothing to do)"
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop accepting deliveries for a subscription.")
        @Argument(help: "The subscription's name.") var subscription: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService().removeWebhookSubscription(
                    subscription, context: global.context())
                try global.report(result, json: Views.webhookSubscriptions) { _ in
                    "webhook subscription \"\(subscription)\" removed; its deliveries now get 401"
                }
            }
        }
    }
}
