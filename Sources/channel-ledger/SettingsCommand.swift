import ArgumentParser
import ChannelLedger
import LedgerPresentation

extension ChannelLedgerCLI {
    struct SettingsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Ledger-wide settings: the API versions and Salesforce fields the services leave open.",
            discussion: "Every change is an event on the settings stream, so each process reads the same value.",
            subcommands: [List.self, SetValue.self])
    }
}

extension ChannelLedgerCLI.SettingsCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every setting with its value in force.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let settings = try await global.openService(formats: .any).settings()
                Console.print(global.json ? Views.settings(settings).serialized() : TextViews.settings(settings))
            }
        }
    }

    struct SetValue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a setting (recorded as SettingChanged).",
            discussion: "Keys: " + SettingKeyList.text)
        @Argument(help: "The key, e.g. salesforce.api-version.") var key: String
        @Argument(help: "The value, e.g. 62.0.") var value: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run {
                let result = try await global.openService(formats: .any).setSetting(
                    key, to: value, context: global.context())
                try global.report(result, json: { .object([("settings", Views.settings($0))]) }) { settings in
                    let shown = settings.first { $0.key.rawValue == key.trimmingCharacters(in: .whitespaces) }
                    let line = "\(shown?.key.rawValue ?? key) = \(shown?.value ?? value)"
                    return result.changed ? "set \(line)" : "\(line) already (nothing to do)"
                }
            }
        }
    }
}
