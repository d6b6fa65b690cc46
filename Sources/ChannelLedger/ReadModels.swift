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
    /// Order summaries, keyed by Buy with Prime order id.
    public static let order = "order"
    /// Claim kind: the causation id of an intake delivery (UUIDv5 of its idempotency key) → the order stream.
    public static let intakeClaim = "intake-key"
    /// Claim kind: `<channel id or ->/<order id>` → the order id; the index `orders list --channel`
    /// and `--unassociated` page through (claims are the stores' sorted unique keys).
    public static let orderChannelIndex = "order-channel"
    /// Claim kind: the ids of orders whose channel the org has not been told yet (associated or
    /// re-associated since their last `OrderPublished`) and that the publisher has not given up
    /// on: what it pages through.
    public static let orderPublicationIndex = "order-publish"
    /// Claim kind: the ids of orders the publisher gave up on (`OrderPublishFailed` for their
    /// current channel): what `publish --retry-failed` and `orders list --unpublished` page through.
    public static let orderPublicationFailedIndex = "order-publish-failed"
}
