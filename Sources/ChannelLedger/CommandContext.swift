import EventSourcing
import Foundation

/// Who issues a command, when, and what ties its events together.
///
/// The application fills it in once per command so deciders never read a clock or make ids.
public struct CommandContext: Sendable {
    public var actor: String
    public var source: String
    public var now: Timestamp
    public var correlationID: UUID

    public init(actor: String, source: String = "cli", now: Timestamp = Timestamp(Date()), correlationID: UUID? = nil) {
        self.actor = actor
        self.source = source
        self.now = now
        self.correlationID = correlationID ?? UUIDv7.make(at: now)
    }

    /// The metadata every event of this command carries.
    public var metadata: EventMetadata {
        EventMetadata(actor: actor, correlationID: correlationID, causationID: nil, source: source)
    }
}
