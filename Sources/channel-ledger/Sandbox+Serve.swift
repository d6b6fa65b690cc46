import ArgumentParser
import Foundation
import Logging
import SandboxServer
import SandboxTransport

extension ChannelLedgerCLI.Sandbox {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sandbox over HTTP: Buy with Prime and Salesforce on one loopback base URL.",
            discussion: """
                Prints `sandbox listening on http://HOST:PORT` once it listens, logs one line per call \
                to stderr (never a secret or token), and stops on SIGINT or SIGTERM (exit 0). Only a \
                loopback --host is accepted: the demo accounts' secrets are public. The base URL is both \
                the Buy with Prime endpoint and the Salesforce My Domain; /_sandbox/requests, \
                /_sandbox/faults and /_sandbox/orders are its own routes (Docs/transports.md).
                """)

        @Option(help: "The loopback address to listen on: 127.0.0.1, another 127.x.y.z, ::1 or localhost.")
        var host = "127.0.0.1"

        @Option(help: "The port; 0 picks a free one (the printed line tells which).")
        var port = 0

        @Option(help: "A JSON file of accounts in the shape of `sandbox accounts --json` (default: the demo accounts).")
        var accounts: String?

        @Option(
            name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (stderr).")
        var logLevel: Logger.Level = .info

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        }

        func run() async throws {
            LogSetup.bootstrap()
            guard SandboxServer.isLoopback(host) else {
                Console.error(
                    "--host \(host) is not a loopback address; the sandbox server listens on 127.0.0.1, ::1 or "
                        + "localhost only, as its demo secrets are public")
                throw ExitCode(64)
            }
            var logger = Logger(label: "sandbox-server")
            logger.logLevel = logLevel
            let configuration = SandboxServer.Configuration(
                host: host, port: port, accounts: try loadAccounts(), logger: logger)
            do {
                try await SandboxServer(configuration: configuration).run { baseURL in
                    Console.print("sandbox listening on \(baseURL)")
                }
            } catch {
                Console.error("cannot serve on \(host):\(port): \(error); choose another --port, or --port 0")
                throw ExitCode(64)
            }
        }

        /// The accounts of `--accounts`, or the demo accounts.
        private func loadAccounts() throws -> SandboxAccounts {
            guard let accounts else { return .demo }
            guard let data = FileManager.default.contents(atPath: accounts) else {
                Console.error("cannot read the accounts file \(accounts); check the path")
                throw ExitCode(64)
            }
            do {
                return try JSONDecoder().decode(SandboxAccounts.self, from: data)
            } catch {
                Console.error(
                    "the accounts file \(accounts) is not SandboxAccounts JSON; see `channel-ledger sandbox accounts --json` for the shape"
                )
                throw ExitCode(64)
            }
        }
    }
}
