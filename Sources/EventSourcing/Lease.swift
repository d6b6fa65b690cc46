/// A lease on a named piece of work (the publisher's): one holder at a time, until it expires.
///
/// Kept beside the log, never in it: who works now is not a fact of the domain, and renewing a
/// lease every few seconds must not grow the log.
public struct Lease: Sendable, Equatable {
    /// The work the lease is for, e.g. `publisher`.
    public var name: String
    /// Who holds it: a process, described for people (`host:pid actor`).
    public var holder: String
    /// When it ends unless renewed.
    public var expiresAt: Timestamp

    /// A lease as a store reports it.
    public init(name: String, holder: String, expiresAt: Timestamp) {
        self.name = name
        self.holder = holder
        self.expiresAt = expiresAt
    }
}
