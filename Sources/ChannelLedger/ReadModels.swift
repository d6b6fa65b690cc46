import ChannelDomain
import EventSourcing
import Foundation

/// Names of the inline read models and unique claims.
public enum ReadModels {
    /// Channel summaries, keyed by lower-case channel id.
    public static let channel = "channel"
    /// The connected app, under the key ``singletonKey``.
    public static let connectedApp = "connected-app"
    /// Installation facts, under the key ``singletonKey``.
    public static let ledger = "ledger"
    /// The key of single-document models.
    public static let singletonKey = "-"
    /// Claim kind: a channel name key (NFC, trimmed, case-folded) → channel id.
    public static let channelNameClaim = "channel-name"
    /// Claim kind: a Buy with Prime target ID → the channel id holding it.
    public static let targetIDClaim = "target-id"
}

/// A channel as the `channel` read model stores it: its state plus envelope facts.
public struct ChannelSummary: Codable, Sendable, Equatable {
    public var state: ChannelState
    public var version: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

/// The connected app as its read model stores it.
public struct ConnectedAppSummary: Codable, Sendable, Equatable {
    public var state: ConnectedAppState
    public var updatedAt: Timestamp
}

/// Installation facts as their read model stores them.
public struct LedgerSummary: Codable, Sendable, Equatable {
    public var state: LedgerState
    public var initializedAt: Timestamp
}

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}
