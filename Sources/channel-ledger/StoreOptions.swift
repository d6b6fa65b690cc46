import ArgumentParser
import ChannelLedger
import Foundation
import LedgerPresentation
import LedgerWiring
import Logging

/// `--store`, `--json` and `--log-level`, with the store opening and error reporting every command shares.
struct StoreOptions: ParsableArguments {
    @Option(
        help: """
            The store: a SQLite path or postgres://user@host:port/db (password from PGPASSWORD) \
            (default: $CHANNEL_LEDGER_STORE, else ~/.local/share/channel-ledger/ledger.sqlite).
            """)
    var store: String?

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (stderr).")
    var logLevel: Logger.Level = .warning

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The store path: --store, else CHANNEL_LEDGER_STORE, else the per-user default.
    var storePath: String {
        if let store, !store.isEmpty { return store }
        if let store = environment["CHANNEL_LEDGER_STORE"], !store.isEmpty { return store }
        return LedgerPaths(environment: environment).defaultStore
    }

    var logger: Logger {
        var logger = Logger(label: "channel-ledger")
        logger.logLevel = logLevel
        return logger
    }

    /// The application's wiring for this command.
    func configuration(fixedKey: MasterKey? = nil) -> LedgerConfiguration {
        var configuration = Wiring.configuration(environment: environment, logger: logger, fixedKey: fixedKey)
        configuration.rebuildProgress = { ProgressBar.standardError.report($0) }
        return configuration
    }

    /// Opens the initialized store; projections built by another version are rebuilt first
    /// unless `rebuildingStale` is false.
    func openService(rebuildingStale: Bool = true, formats: FormatRequirement = .current) async throws
        -> LedgerService
    {
        var configuration = configuration()
        configuration.rebuildsStaleProjections = rebuildingStale
        return try await LedgerService.open(at: storePath, configuration: configuration, formats: formats)
    }

    /// Runs a command body, turning any failure into one line on stderr and its documented exit code.
    func run(_ body: () async throws -> Void) async throws {
        LogSetup.bootstrap()
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            let (failure, message) = FailureReport.describe(error, stores: configuration().stores)
            logger.debug("failed with \(String(describing: type(of: error))): \(String(describing: error))")
            ProgressBar.standardError.interrupt()
            Console.error(message)
            throw ExitCode(failure.rawValue)
        }
    }

    /// Prints a command's result: the object (JSON or text), then a rejection if there was one.
    func report<View>(_ result: CommandResult<View>, json render: (View) -> JSONValue, text: (View) -> String) throws {
        if json {
            var object = render(result.view)
            if case .object(var members) = object {
                members.append(("changed", .bool(result.changed)))
                object = .object(members)
            }
            Console.print(object.serialized())
        } else {
            Console.print(text(result.view))
        }
        if let rejection = result.rejection {
            Console.error(FailureReport.message(of: rejection))
            throw ExitCode(rejection.failureClass.rawValue)
        }
    }
}

/// Lets `--log-level` take swift-log's level names (`trace` … `critical`).
extension Logger.Level: @retroactive ExpressibleByArgument {}
