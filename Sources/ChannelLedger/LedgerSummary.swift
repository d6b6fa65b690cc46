import ChannelDomain
import EventSourcing

/// Installation facts as their read model stores them.
public struct LedgerSummary: Codable, Sendable, Equatable {
    /// The store's identity: id, key check and schema version.
    public var state: LedgerState
    /// When `LedgerInitialized` was recorded.
    public var initializedAt: Timestamp
}
