import Foundation
import Transport

/// The `sandbox` transport: a permanent in-process fake of Buy with Prime and Salesforce (no HTTP).
///
/// It accepts only the public demo accounts in `SandboxTransport.accounts` and answers with the real
/// services' error shapes. In unavailable mode every call throws `TransportError.unavailable`, as an
/// unreachable service would.
public struct SandboxTransport: BuyWithPrimeTransport, SalesforceTransport {
    /// The environment variable that, set to `1`, makes `fromEnvironment` build an unavailable sandbox.
    public static let unavailableVariable = "CHANNEL_LEDGER_SANDBOX_UNAVAILABLE"

    /// The public demo accounts the sandbox accepts; the secrets are published fixtures.
    public static let accounts: SandboxAccounts = .demo

    /// Whether every call throws `TransportError.unavailable`.
    public let unavailable: Bool

    /// Creates a sandbox; when `unavailable`, every call throws `TransportError.unavailable`.
    public init(unavailable: Bool = false) {
        self.unavailable = unavailable
    }

    /// Creates a sandbox that is unavailable when `CHANNEL_LEDGER_SANDBOX_UNAVAILABLE` is `1`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment)
        -> SandboxTransport
    {
        SandboxTransport(unavailable: env[unavailableVariable] == "1")
    }

    /// Throws `.unavailable` for `service` when the sandbox is in unavailable mode.
    func checkAvailable(_ service: Service) throws {
        if unavailable {
            throw TransportError.unavailable(service: service, reason: "the sandbox is set to be unavailable")
        }
    }
}
