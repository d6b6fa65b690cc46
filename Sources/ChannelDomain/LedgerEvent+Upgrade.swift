import EventSourcing
import Foundation

/// The one Buy with Prime account of a single-account ledger (format 0), authorized: what the
/// upgrade carries into the `Default` channel. Format-1 ledgers never record it.
public struct AccountCredentialsAuthorized: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "AccountCredentialsAuthorized"
    /// The Buy with Prime client ID.
    public let clientId: String
    /// The Buy with Prime target ID (business product ID).
    public let targetId: String
    /// The client secret, sealed under the master key.
    public let secret: SealedSecret
    /// The transport the credentials were authorized through.
    public let transport: String
    /// The Buy with Prime API they were authorized against; nil for a transport that has none.
    public let endpoint: String?

    /// Creates the payload.
    public init(clientId: String, targetId: String, secret: SealedSecret, transport: String, endpoint: String?) {
        self.clientId = clientId
        self.targetId = targetId
        self.secret = secret
        self.transport = transport
        self.endpoint = endpoint
    }
}

/// The ledger moved from one format to the next: from the single-account format 0 to format 1,
/// whose first channel is `Default`.
public struct LedgerUpgraded: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "LedgerUpgraded"
    /// The format before.
    public let from: Int
    /// The format after.
    public let to: Int
    /// The `Default` channel created for the old account, in the same batch.
    public let channelId: UUID

    /// Creates the payload.
    public init(from: Int, to: Int, channelId: UUID) {
        self.from = from
        self.to = to
        self.channelId = channelId
    }

    private enum CodingKeys: String, CodingKey { case from, to, channelId }

    /// Writes the id in lower case, as every UUID the ledger prints.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(channelId.uuidString.lowercased(), forKey: .channelId)
    }
}
