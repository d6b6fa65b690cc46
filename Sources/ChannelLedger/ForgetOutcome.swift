import EventSourcing

/// What forgetting a customer did.
public struct ForgetOutcome: Sendable, Equatable {
    /// The customer (`bwpCustomerId`).
    public var customerId: String
    /// Whether `CustomerForgotten` was recorded (false: forgotten before, no key since).
    public var recorded: Bool
    /// Whether a data key was deleted (false for a customer the ledger held no data of).
    public var keyDeleted: Bool
    /// How far the store's files were scrubbed afterwards; nil when the scrub itself failed (the
    /// key is deleted all the same; `forget-customer` run again scrubs again).
    public var scrub: ScrubOutcome?

    /// An outcome.
    public init(customerId: String, recorded: Bool, keyDeleted: Bool, scrub: ScrubOutcome?) {
        self.customerId = customerId
        self.recorded = recorded
        self.keyDeleted = keyDeleted
        self.scrub = scrub
    }
}
