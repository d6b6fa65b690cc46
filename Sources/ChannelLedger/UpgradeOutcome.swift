import ChannelDomain

/// What `upgrade` did: the formats, the `Default` channel, and the orders it gave that channel.
public struct UpgradeOutcome: Sendable, Equatable {
    /// The format the ledger was initialized in: 0 for one that was single-account, else 1.
    public var from: Int
    /// The format it is in now.
    public var to: Int
    /// Whether this run recorded `LedgerUpgraded` (false when an earlier run did, or none was needed).
    public var upgradedNow: Bool
    /// The `Default` channel, once an upgrade created it.
    public var defaultChannel: ChannelSummary?
    /// Orders recorded before the upgrade that this run associated with `Default`.
    public var ordersAssociated: Int
    /// Orders recorded before the upgrade still unassociated: `Default` is not live (the old
    /// account had no credentials, or someone suspended it since).
    public var ordersLeft: Int

    /// Whether this run recorded anything.
    public var changed: Bool { upgradedNow || ordersAssociated > 0 }
}
