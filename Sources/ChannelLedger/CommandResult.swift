/// The outcome of a command as the CLI reports it.
public struct CommandResult<View: Sendable>: Sendable {
    /// The state after the command (read back from the read models).
    public var view: View
    /// Whether anything was recorded.
    public var changed: Bool
    /// Set when a service rejected credentials: the failure was recorded, and the command still fails.
    public var rejection: LedgerError?

    /// Creates a result; `rejection` is set only when a service rejected credentials.
    public init(view: View, changed: Bool, rejection: LedgerError? = nil) {
        self.view = view
        self.changed = changed
        self.rejection = rejection
    }
}
