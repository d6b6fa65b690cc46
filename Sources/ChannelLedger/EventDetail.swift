import EventSourcing
import Foundation

/// One event as `history show` prints it: the envelope, the hash it chains from and whether
/// its own hash checks out against that.
public struct EventDetail: Sendable {
    /// The event as recorded.
    public var event: RecordedEvent
    /// The hash of the event before it (the genesis value for position 1).
    public var previousHash: Data
    /// Whether the recorded hash equals the one recomputed from `previousHash` and the envelope.
    public var hashChecks: Bool
    /// Whether this version of channel-ledger knows the event's type (else its payload is shown raw).
    public var typeIsKnown: Bool
}
