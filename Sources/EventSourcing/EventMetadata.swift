import Foundation

/// Who and what caused an event: stored with every envelope and covered by its hash.
public struct EventMetadata: Hashable, Sendable {
    /// The person or system that issued the command (the OS user by default).
    public var actor: String
    /// Shared by every event one command caused.
    public var correlationID: UUID?
    /// The event or message that caused this one, if any.
    public var causationID: UUID?
    /// Where the command came from: `cli`, `webhook`, `upgrade`, `publisher`, `demo`.
    public var source: String

    /// Creates metadata; correlation and causation ids are optional.
    public init(actor: String, correlationID: UUID? = nil, causationID: UUID? = nil, source: String) {
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.source = source
    }
}
