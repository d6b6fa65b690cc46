import Foundation

/// Where a user's stores and key files live by default (Docs/operations.md).
///
/// The default store is `$XDG_DATA_HOME/channel-ledger/ledger.sqlite` (else
/// `~/.local/share/...`); key files are `$XDG_CONFIG_HOME/channel-ledger/keys/<store-id>.key`
/// (else `~/.config/...`), mode 0600 in a 0700 folder.
public struct LedgerPaths: Sendable {
    /// `$XDG_DATA_HOME`, else `~/.local/share`: where the default store lives.
    public var dataHome: String
    /// `$XDG_CONFIG_HOME`, else `~/.config`: where key files live.
    public var configHome: String

    /// Resolves both folders from an environment (the process's by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
        configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
    }

    /// The store used when neither --store nor CHANNEL_LEDGER_STORE is given.
    public var defaultStore: String { "\(dataHome)/channel-ledger/ledger.sqlite" }

    /// Where transport plugins (`channel-ledger-transport-NAME`) are looked for before `PATH`.
    public var pluginsFolder: String { "\(configHome)/channel-ledger/plugins" }

    /// The key file of a store.
    public func keyFile(for storeID: UUID) -> String {
        "\(configHome)/channel-ledger/keys/\(storeID.uuidString.lowercased()).key"
    }
}
