import Foundation

/// The data key of one subject (a customer), already sealed by the application.
///
/// Keys live beside the log, outside its hash chain: an event holds only what was sealed under a
/// key, so deleting the key (crypto-shredding) makes that data unreadable while every hash still
/// verifies. A key is written in the same transaction as the first events sealed under it
/// (``StreamBatch/keys``), so no event is ever recorded whose key was lost.
public struct SubjectKey: Sendable, Hashable {
    /// Whose key it is, e.g. `customer:<bwpCustomerId>`.
    public var subject: String
    /// The key, sealed under the master key: the store never sees it in clear.
    public var sealed: Data

    /// A sealed key for a subject.
    public init(subject: String, sealed: Data) {
        self.subject = subject
        self.sealed = sealed
    }
}

extension SubjectKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The subject only: even sealed, key bytes stay out of logs.
    public var description: String { "SubjectKey(\(subject))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The subject only, for `dump`.
    public var customMirror: Mirror { Mirror(self, children: ["subject": subject], displayStyle: .struct) }
}
