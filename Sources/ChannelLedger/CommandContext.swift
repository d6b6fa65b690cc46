import EventSourcing
import Foundation

/// Who issues a command, when, and what ties its events together.
///
/// The application fills it in once per command so deciders never read a clock or make ids.
public struct CommandContext: Sendable {
    /// The person or system issuing the command, recorded with every event.
    public var actor: String
    /// Where the command came from: `cli`, `demo`, …
    public var source: String
    /// The command's time: every event it causes is recorded at this instant.
    public var now: Timestamp
    /// Shared by every event the command causes.
    public var correlationID: UUID
    /// What caused the command, if a message did: intake's name-based id of the delivery's idempotency key.
    public var causationID: UUID?

    /// A context for one command; time defaults to now, the correlation id to a fresh UUIDv7.
    public init(
        actor: String, source: String = "cli", now: Timestamp = Timestamp(Date()), correlationID: UUID? = nil,
        causationID: UUID? = nil
    ) {
        self.actor = actor
        self.source = source
        self.now = now
        self.correlationID = correlationID ?? UUIDv7.make(at: now)
        self.causationID = causationID
    }

    /// The metadata every event of this command carries.
    public var metadata: EventMetadata {
        EventMetadata(actor: actor, correlationID: correlationID, causationID: causationID, source: source)
    }

    /// The events a decision made, ready to append: each with a fresh UUIDv7, this command's time
    /// and metadata.
    func newEvents(_ payloads: [any EventPayload]) throws -> [NewEvent] {
        try payloads.map { payload in
            try NewEvent(id: UUIDv7.make(at: now), anyPayload: payload, recordedAt: now, metadata: metadata)
        }
    }
}
