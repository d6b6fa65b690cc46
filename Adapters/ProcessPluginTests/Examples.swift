import Foundation
import Logging
import ProcessPluginTransport
import Transport

/// The example plugins of `Examples/Plugins`, run as the ledger runs them: separate processes.
enum Examples {
    /// `Examples/Plugins`, found from this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/Plugins")

    static let logger = Logger(label: "process-plugin-tests")

    /// The example plugin, calling the sandbox server at `url` unless a request names another endpoint.
    static func pysandbox(url: String = "http://127.0.0.1:9", patience: PluginProtocol.Patience = .standard)
        -> ProcessPlugin
    {
        ProcessPlugin(
            name: "pysandbox", path: folder.appendingPathComponent("channel-ledger-transport-pysandbox").path,
            environment: environment(["PYSANDBOX_URL": url]), logger: logger, patience: patience)
    }

    /// The misbehaving plugin in one of its `MISBEHAVE` modes, with short limits.
    static func misbehaving(_ mode: String) -> ProcessPlugin {
        ProcessPlugin(
            name: "bad-\(mode)", path: folder.appendingPathComponent("channel-ledger-transport-misbehaving").path,
            environment: environment(["MISBEHAVE": mode]), logger: logger,
            patience: .init(handshake: .seconds(8), grace: .milliseconds(300)))
    }

    /// This process's environment (for `PATH`, which the scripts' `#!/usr/bin/env python3` needs) plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(extra) { $1 }
    }

    /// A Buy with Prime account with a short budget.
    static func account(timeout: Duration = .seconds(2)) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: "client", clientSecret: Secret("plugin-test-secret-never-printed"), targetID: "TARGET",
            endpoint: "http://127.0.0.1:9", requestTimeout: timeout)
    }
}
