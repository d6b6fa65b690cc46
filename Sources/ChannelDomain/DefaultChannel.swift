import Foundation

/// The facts needed to create the `Default` channel when a single-account ledger is upgraded.
public struct DefaultChannel: Sendable, Equatable {
    /// The new channel's identifier (the one `LedgerUpgraded` names).
    public var id: UUID
    /// The transport it talks through: the old account's, else the connected app's.
    public var transport: String
    /// The Buy with Prime API it calls: the old account's, else the transport's default.
    public var endpoint: String?
    /// The mapping catalog version to follow: the current one.
    public var catalogVersion: Int
    /// Whether the connected app is registered and authorized.
    public var connectedAppAuthorized: Bool
    /// The old account's authorized credentials, carried over as they were; nil when it had none.
    public var account: AccountCredentialsAuthorized?
    /// The display name of another channel already owning the name's key, or nil.
    public var nameTakenBy: String?

    /// Creates the command's facts.
    public init(
        id: UUID, transport: String, endpoint: String?, catalogVersion: Int, connectedAppAuthorized: Bool,
        account: AccountCredentialsAuthorized?, nameTakenBy: String?
    ) {
        self.id = id
        self.transport = transport
        self.endpoint = endpoint
        self.catalogVersion = catalogVersion
        self.connectedAppAuthorized = connectedAppAuthorized
        self.account = account
        self.nameTakenBy = nameTakenBy
    }
}
