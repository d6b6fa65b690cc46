import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation
import Logging

/// Options every command accepts, after the subcommand: `--store`, `--json`, `--actor`, `--log-level`.
///
/// `history` takes ``StoreOptions`` alone, because there `--actor` is a filter.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var options: StoreOptions

    @Option(help: "Who is acting, recorded with every event (default: the OS user).")
    var actor: String?

    func validate() throws {
        if let actor, actor.trimmingCharacters(in: .whitespaces).isEmpty || actor.contains(where: \.isNewline) {
            throw ValidationError("--actor needs a name (one line, not blank), e.g. --actor ops-bot")
        }
    }

    /// The command context: actor, source, time and a fresh correlation id.
    func context(source: String = "cli") -> CommandContext {
        CommandContext(actor: actor ?? OSUser.name, source: source)
    }

    var json: Bool { options.json }
    var storePath: String { options.storePath }
    var environment: [String: String] { options.environment }
    var logger: Logger { options.logger }

    func configuration(fixedKey: MasterKey? = nil) -> LedgerConfiguration { options.configuration(fixedKey: fixedKey) }

    func openService(rebuildingStale: Bool = true, formats: FormatRequirement = .current) async throws
        -> LedgerService
    {
        try await options.openService(rebuildingStale: rebuildingStale, formats: formats)
    }

    func run(_ body: () async throws -> Void) async throws { try await options.run(body) }

    func report<View>(_ result: CommandResult<View>, json render: (View) -> JSONValue, text: (View) -> String) throws {
        try options.report(result, json: render, text: text)
    }
}
